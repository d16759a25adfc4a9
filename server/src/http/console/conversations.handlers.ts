import type { ConsoleRoutes } from '@introserv/shared';
import type { ChatService } from '../../chat/chat.service.js';
import type { RouteHandlers } from '../route-handler.js';

/** The console's list and history reads (writes go over the socket). */
export function conversationHandlers(chat: Pick<ChatService, 'list' | 'messages'>): Pick<RouteHandlers<ConsoleRoutes>, 'conversations.list' | 'conversations.messages'> {
  return {
    'conversations.list': async ({ query }) => ({ conversations: await chat.list(query.status) }),
    'conversations.messages': async ({ params, query }) => ({ messages: await chat.messages(params.id, query.since) }),
  };
}
