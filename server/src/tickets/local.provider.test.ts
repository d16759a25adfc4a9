import { describe, expect, it } from 'vitest';
import { outgoingTicket } from '../testing/outgoing-ticket.js';
import { LocalTicketProvider } from './local.provider.js';
import { MemoryTicketStore } from './ticket.memory-store.js';

describe('local provider: the embedded help desk', () => {
  it('files a ticket numbered # and six digits, once per escalation, keeping the transcripts', async () => {
    const store = new MemoryTicketStore();
    // Five draws per try: the first try files at 0.1; the second returns it; the third meets 0.1 taken, then 0.5.
    const numbers = [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.1, 0.5, 0.5, 0.5, 0.5];
    const provider = new LocalTicketProvider(store, () => 7, () => numbers.shift() ?? 0.9);
    const first = await provider.create(outgoingTicket());
    expect(first).toEqual({ number: '#190000', url: null, requester: 'guest' });
    expect(await provider.create(outgoingTicket())).toEqual(first);
    expect(await store.get('#190000')).toMatchObject({ subject: 'VPS unreachable [LC7F3K9Q2MXA]', createdAt: 7, files: [{ name: 'transcript.txt', text: expect.stringContaining('Mein Server ist down') }, { name: 'transcript.html' }] });
    // Another escalation draws another number; a taken one is skipped.
    expect(await provider.create(outgoingTicket({ key: 'e_other' }))).toMatchObject({ number: '#550000' });
  });
});
