import type { OutgoingTicket } from '../tickets/ticket-provider.js';

/** A ticket as the composer makes one: a guest's, with both transcripts. */
export function outgoingTicket(over: Partial<OutgoingTicket> = {}): OutgoingTicket {
  return {
    key: 'e_0123456789abcdefghij',
    marker: 'LC7F3K9Q2MXA',
    subject: 'VPS unreachable [LC7F3K9Q2MXA]',
    department: 'technical',
    priority: 'high',
    requester: { kind: 'guest', name: 'Ivo Ivić', email: 'ivo@example.com' },
    text: '== Incident ==\nServer IP address or order number: 203.0.113.7\n',
    markdown: '### Incident\n\n- **Server IP address or order number:** 203\\.0\\.113\\.7\n',
    files: [
      { name: 'transcript.txt', type: 'text/plain; charset=utf-8', bytes: Buffer.from('2026-12-02 09:00:01 UTC  Visitor: Mein Server ist down\n') },
      { name: 'transcript.html', type: 'text/html; charset=utf-8', bytes: Buffer.from('<!doctype html><p>Mein Server ist down</p>') },
    ],
    facts: {
      escalationId: 'e_0123456789abcdefghij',
      conversationId: 'c_1',
      source: 'operator',
      language: 'de',
      incident: { serverOrOrder: '203.0.113.7', serviceName: 'VPS SSD-2', startedAt: null, diagnostics: '' },
      visitor: { name: 'Ivo Ivić', email: 'ivo@example.com', verified: false, userId: null, pageUrl: 'https://introserv.com/vps', pageTitle: 'VPS', timeZone: 'Europe/Zagreb', userAgent: 'Mozilla/5.0', ip: '198.51.100.20', country: 'HR' },
      operator: { id: 'op_1', name: 'Ana' },
      message: null,
      requestedAt: 1_764_666_000_000,
    },
    ...over,
  };
}
