import { describe, expect, it } from 'vitest';
import { visibleToVisitor } from './visibility.js';

describe('visibleToVisitor', () => {
  it('shows texts, the visitor-facing events and the ticket, never notes or escalation bookkeeping', () => {
    expect(visibleToVisitor({ kind: 'text' })).toBe(true);
    expect(visibleToVisitor({ kind: 'note' })).toBe(false);
    expect(visibleToVisitor({ kind: 'system', event: { type: 'ticket-created', ticket: { number: '#123456', url: null }, requester: 'guest' } })).toBe(true);
    expect(visibleToVisitor({ kind: 'system', event: { type: 'escalation', escalationId: 'e_1', state: 'failed', operator: null, reason: 'Department ID not found' } })).toBe(false);
    expect(visibleToVisitor({ kind: 'system', event: { type: 'escalation', escalationId: 'e_1', state: 'pending', operator: { id: 'op_1', name: 'Ana' }, reason: null } })).toBe(false);
  });
});
