import type { ConsoleRoutes } from '@introserv/shared';
import type { EscalationService } from '../../tickets/escalation.service.js';
import type { RouteHandlers } from '../route-handler.js';

type Names = 'escalations.proposal' | 'escalations.ofConversation' | 'escalations.create' | 'escalations.list' | 'escalations.retry';

/** The escalation form's proposal, a conversation's escalations, escalating, the console's alert and the operator's retry. */
export function escalationHandlers(escalations: EscalationService): Pick<RouteHandlers<ConsoleRoutes>, Names> {
  return {
    'escalations.proposal': async ({ params }) => escalations.proposal(params.id),
    'escalations.ofConversation': async ({ params }) => ({ escalations: await escalations.list(params.id) }),
    'escalations.create': async ({ params, body, auth, setStatus }) => {
      const { escalation, created } = await escalations.escalate(auth.operator, params.id, body);
      // The same idempotency key again: the stored escalation, not a second one.
      if (!created) setStatus(200);
      return { escalation };
    },
    'escalations.list': async ({ query }) => ({ escalations: query.attention === 'true' ? await escalations.attention() : await escalations.recent(100) }),
    'escalations.retry': async ({ params, auth }) => ({ escalation: await escalations.retry(auth.operator, params.id) }),
  };
}
