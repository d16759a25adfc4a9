import type { WidgetRoutes } from '@introserv/shared';
import type { EscalationService } from '../../tickets/escalation.service.js';
import type { RouteHandlers } from '../route-handler.js';

/**
 * The leave-a-message form (when no operator is there): filed as a ticket through the
 * escalation outbox, limited per visitor and address; the visitor follows their own message
 * to its ticket number.
 */
export function leaveMessageHandlers(escalations: Pick<EscalationService, 'leaveMessage' | 'visitorStatus'>): Pick<RouteHandlers<WidgetRoutes>, 'leaveMessage' | 'leaveMessageStatus'> {
  return {
    leaveMessage: async ({ body, ip, visitor, setStatus }) => {
      const { status, created } = await escalations.leaveMessage(visitor.id, body, ip);
      // A resend of a form already filed: the same message, not counted again.
      if (!created) setStatus(200);
      return { message: status };
    },
    leaveMessageStatus: async ({ params, visitor }) => ({ message: await escalations.visitorStatus(visitor.id, params.id) }),
  };
}
