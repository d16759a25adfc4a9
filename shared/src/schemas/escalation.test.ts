import { describe, expect, it } from 'vitest';
import { EscalationInput, LeaveMessageInput } from './escalation.js';

const input = {
  idempotencyKey: 'form-0000001',
  known: 0,
  department: 'technical',
  priority: 'high',
  subject: '  VPS unreachable  ',
  incident: { serverOrOrder: '203.0.113.7', serviceName: 'VPS SSD-2', startedAt: { date: '2026-12-02', time: '08:15', timeZone: 'Europe/Berlin' }, diagnostics: '' },
};

describe('EscalationInput', () => {
  it('trims, and defaults to no attachments', () => {
    const parsed = EscalationInput.parse(input);
    expect(parsed.subject).toBe('VPS unreachable');
    expect(parsed.attachmentIds).toEqual([]);
  });

  it.each([
    ['a department of our own', { department: 'general' }, 'department'],
    ['a priority the seeds do not have', { priority: 'urgent' }, 'priority'],
    ['an empty subject', { subject: '   ' }, 'subject'],
    ['a time without minutes', { incident: { ...input.incident, startedAt: { date: '2026-12-02', time: '8', timeZone: 'UTC' } } }, 'incident.startedAt.time'],
    ['a 13th month', { incident: { ...input.incident, startedAt: { date: '2026-13-02', time: '08:00', timeZone: 'UTC' } } }, 'incident.startedAt.date'],
    ['a guest without an e-mail', { contact: { name: 'Ivo', email: 'nope' } }, 'contact.email'],
    ['no idempotency key', { idempotencyKey: undefined }, 'idempotencyKey'],
  ])('rejects %s', (_name, over, path) => {
    const r = EscalationInput.safeParse({ ...input, ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('LeaveMessageInput', () => {
  it('needs a name, an e-mail, a ticket department and a message', () => {
    const ok = { siteId: 'introserv', idempotencyKey: 'leave-00000001', language: 'tr', name: 'Ayşe', email: 'ayse@example.com', department: 'financial', message: 'Faturam', timeZone: 'Europe/Istanbul' };
    expect(LeaveMessageInput.parse(ok).name).toBe('Ayşe');
    const r = LeaveMessageInput.safeParse({ ...ok, email: '', message: ' ', department: 'sales' });
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['department', 'email', 'message']);
  });
});
