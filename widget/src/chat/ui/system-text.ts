import { isolate, type SystemEvent } from '@introserv/shared/client';
import type { Translate } from '../i18n/i18n.js';

/**
 * A system message in the visitor's words. The visitor needs what changed for them, not
 * the internals (which department, why the operator left). A type this build does not
 * know yet (a newer server) gets a generic line: never the raw event.
 */
export function systemText(event: SystemEvent | undefined, t: Translate): string {
  switch (event?.type) {
    case 'assigned':
      return event.operator.name ? t('event.assigned', { name: isolate(event.operator.name) }) : t('event.assignedNoName');
    case 'requeued':
      return t('event.requeued');
    case 'transferred':
      return event.to?.name ? t('event.transferredTo', { name: isolate(event.to.name) }) : t('event.transferred');
    case 'closed':
      return event.by === 'visitor' ? t('event.closedByVisitor') : event.by === 'idle' ? t('event.closedIdle') : t('event.closedByOperator');
    case 'reopened':
      return t('event.reopened');
    case 'ticket-created':
      return t(event.requester === 'client' ? 'event.ticketCreated' : 'event.ticketCreatedGuest', { number: isolate(event.ticket.number) });
    default:
      return t('event.unknown');
  }
}
