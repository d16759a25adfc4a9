import type { EscalationRecord } from '../tickets/escalation.store.js';
import { uid } from './store-fixtures.js';

/** A pending escalation as the service writes one, with only the fields a test names changed. */
export function newEscalation(over: Partial<EscalationRecord> = {}): EscalationRecord {
  const id = over.id ?? uid('e');
  const createdAt = over.createdAt ?? 1_700_000_000_000;
  return {
    id,
    idempotencyKey: `key-${id}`,
    conversationId: null,
    visitorId: null,
    source: 'operator',
    marker: 'LC0123456789',
    provider: 'local',
    department: 'technical',
    priority: 'regular',
    subject: 'VPS unreachable',
    requester: 'guest',
    createdBy: { id: 'op_1', name: 'Ana' },
    draft: {
      language: 'en',
      department: 'technical',
      priority: 'regular',
      subject: 'VPS unreachable',
      incident: { serverOrOrder: '203.0.113.7', serviceName: '', startedAt: null, diagnostics: '' },
      requester: { kind: 'guest', name: 'Ivo', email: 'ivo@example.com' },
      visitor: { name: 'Ivo', email: 'ivo@example.com', verified: false, userId: null, pageUrl: null, pageTitle: null, timeZone: 'Europe/Zagreb', userAgent: null, ip: null, country: null },
      throughCursor: null,
      attachmentIds: [],
      message: null,
      requestedAt: createdAt,
    },
    state: 'pending',
    ticket: null,
    failure: null,
    attempts: 0,
    roundStart: 0,
    nextAttemptAt: createdAt,
    unclear: false,
    owner: null,
    sendingUntil: null,
    createdAt,
    updatedAt: createdAt,
    ...over,
  };
}
