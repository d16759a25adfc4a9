import type { Escalation, LeaveMessageStatus } from '@introserv/shared';
import type { EscalationRecord } from './escalation.store.js';

/** The outbox's record as operators see it (a claimed entry is still pending to them). */
export function toEscalation(r: EscalationRecord): Escalation {
  return {
    id: r.id,
    conversationId: r.conversationId,
    source: r.source,
    state: r.state === 'sending' ? 'pending' : r.state,
    marker: r.marker,
    provider: r.provider,
    department: r.department,
    priority: r.priority,
    subject: r.subject,
    requester: r.requester,
    createdBy: r.createdBy,
    ticket: r.ticket,
    failure: r.failure,
    attempts: r.attempts,
    nextAttemptAt: r.state === 'pending' ? r.nextAttemptAt : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toVisitorStatus(r: EscalationRecord): LeaveMessageStatus {
  return { id: r.id, state: r.state === 'sending' ? 'pending' : r.state, ticket: r.ticket, requester: r.requester };
}
