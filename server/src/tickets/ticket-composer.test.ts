import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { newEscalation } from '../testing/escalation-fixtures.js';
import { openConversation } from '../testing/store-fixtures.js';
import { MemoryAttachmentSource } from './attachment-source.js';
import { composeTicket } from './ticket-composer.js';

describe('composing the ticket of an escalation', () => {
  it('carries the conversation as the visitor saw it up to the request, with the chosen attachments', async () => {
    const stores = createMemoryStores();
    const c = await openConversation(stores, { language: 'en' });
    const append = (id: string, over: object) => stores.conversations.append({ conversationId: c.id, id, kind: 'text', author: { kind: 'visitor' }, text: '', ...over });
    await append('msg-0000001', { text: 'My VPS is down', attachments: [{ id: 'f_0123456789abcdef', name: 'ping.png', type: 'image/png', size: 3 }, { id: 'f_gone000000000000', name: 'old.log', type: 'text/plain', size: 1 }] });
    await append('msg-0000002', { kind: 'note', author: { kind: 'operator', id: 'op_1', name: 'Ana' }, text: 'INTERNAL: owes money' });
    const through = await append('msg-0000003', { kind: 'system', author: { kind: 'system' }, event: { type: 'escalation', escalationId: 'e_x', state: 'pending', operator: null, reason: null } });
    if (!through.ok) throw new Error('append failed');
    await append('msg-0000004', { text: 'written after the request' });
    const files = new MemoryAttachmentSource();
    files.put('f_0123456789abcdef', { name: 'ping.png', type: 'image/png', bytes: new Uint8Array([1, 2, 3]) });

    const record = newEscalation({ conversationId: c.id });
    record.draft = { ...record.draft, throughCursor: through.message.cursor, attachmentIds: ['f_0123456789abcdef', 'f_gone000000000000'] };
    const ticket = await composeTicket(record, { conversations: stores.conversations, attachments: files });

    expect(ticket.subject).toBe('VPS unreachable [LC0123456789]');
    expect(ticket.files.map((f) => f.name)).toEqual(['transcript.txt', 'transcript.html', 'ping.png']);
    const transcript = Buffer.from(ticket.files[0]!.bytes).toString();
    expect(transcript).toContain('Visitor: My VPS is down');
    for (const hidden of ['INTERNAL', 'written after', 'support ticket']) {
      expect(transcript).not.toContain(hidden);
      expect(ticket.text).not.toContain(hidden);
    }
    expect(ticket.text).toContain('Attachments no longer available: old.log');
    expect(ticket.files[2]).toMatchObject({ attachmentId: 'f_0123456789abcdef', type: 'image/png' });
    // The same record composes the same ticket: a retry sends what the first try sent.
    expect((await composeTicket(record, { conversations: stores.conversations, attachments: files })).text).toBe(ticket.text);
  });
});
