import { isolate, type SystemEvent } from '@introserv/shared/client';
import type { Translate } from '../i18n/i18n.js';

/**
 * A system message in the operator's words: who, why and where to, since the operator
 * works with those details. A type this build does not know yet (a newer server) gets a
 * generic line: never the raw event.
 */
export function eventText(event: SystemEvent | undefined, t: Translate, departmentName: (id: string) => string = (id) => id): string {
  switch (event?.type) {
    case 'assigned':
      return t('event.assigned', { name: isolate(event.operator.name) });
    case 'requeued':
      switch (event.reason) {
        case 'operator-offline':
          return t('event.requeuedOperatorOffline');
        case 'operator-disabled':
          return t('event.requeuedOperatorDisabled');
        default:
          return t('event.requeuedOperatorLeft');
      }
    case 'transferred':
      if (event.to) return event.from ? t('event.transferredFromTo', { from: isolate(event.from.name), to: isolate(event.to.name) }) : t('event.transferredToOperator', { to: isolate(event.to.name) });
      return event.department ? t('event.transferredToDepartment', { department: isolate(departmentName(event.department)) }) : t('event.transferredToQueue');
    case 'closed':
      if (event.by === 'visitor') return t('event.closedByVisitor');
      if (event.by === 'idle') return t('event.closedIdle');
      return event.operator ? t('event.closedByOperator', { name: isolate(event.operator.name) }) : t('event.closedByOperatorNoName');
    case 'reopened':
      return event.operator ? t('event.reopened', { name: isolate(event.operator.name) }) : t('event.reopenedNoName');
    case 'ticket-created':
      return t(event.requester === 'client' ? 'event.ticketCreated' : 'event.ticketCreatedGuest', { number: isolate(event.ticket.number) });
    case 'escalation':
      if (event.state === 'pending') return event.operator ? t('event.escalationPending', { name: isolate(event.operator.name) }) : t('event.escalationPendingNoName');
      return t(event.state === 'failed' ? 'event.escalationFailed' : 'event.escalationUnconfirmed', { reason: isolate(event.reason ?? '') });
    case 'queued':
      return t('event.queued', { department: isolate(departmentName(event.department)) });
    default:
      return t('event.unknown');
  }
}
