import type { ConsoleRoutes } from '@introserv/shared';
import type { ChatService } from '../../chat/chat.service.js';
import type { RouteHandlers } from '../route-handler.js';

/** The visitor panel: the profile, the pages of this visit, earlier conversations. */
export function visitorHandlers(chat: Pick<ChatService, 'visitorPanel'>): Pick<RouteHandlers<ConsoleRoutes>, 'visitors.panel'> {
  return {
    'visitors.panel': async ({ params }) => {
      const { visitor, pages, conversations } = await chat.visitorPanel(params.id);
      return { visitor: { id: visitor.id, name: visitor.name, email: visitor.email, verified: visitor.verified, userId: visitor.userId }, pages, conversations };
    },
  };
}
