import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOsTicket, type FakeOsTicket } from '../testing/helpdesks/fake-osticket.js';
import { outgoingTicket } from '../testing/outgoing-ticket.js';
import { OsTicketProvider, type OsTicketSettings } from './osticket.provider.js';
import type { TicketError, TicketProvider } from './ticket-provider.js';

describe('osTicket provider, against a server that speaks the documented API', () => {
  let os: FakeOsTicket;
  const settings = (over: Partial<OsTicketSettings> = {}): OsTicketSettings => ({ url: os.url, apiKey: os.apiKey, topics: { technical: 10 }, priorities: { regular: 2, high: 3 }, timeoutMs: 2_000, ...over });
  beforeAll(async () => {
    os = await startFakeOsTicket();
  });
  afterAll(() => os.close());
  beforeEach(() => {
    os.requests.length = 0;
    os.tickets.length = 0;
  });
  const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as TicketError);

  it('posts only documented fields: message and attachments as data URLs, help topic and priority ids, the visitor’s IP', async () => {
    const created = await new OsTicketProvider(settings()).create(outgoingTicket());
    const [ticket] = os.tickets;
    expect(created).toEqual({ number: `#${ticket?.number ?? ''}`, url: null, requester: 'guest' });
    expect(os.requests[0]?.headers['x-api-key']).toBe(os.apiKey);
    expect(ticket).toMatchObject({ name: 'Ivo Ivić', email: 'ivo@example.com', subject: 'VPS unreachable [LC7F3K9Q2MXA]', messageType: 'text/plain', ip: '198.51.100.20', priority: 3, topicId: 10 });
    expect(ticket?.message).toContain('Server IP address or order number: 203.0.113.7');
    expect(ticket?.attachments.map((a) => [a.name, a.type, a.data.toString().slice(0, 15)])).toEqual([
      ['transcript.txt', 'text/plain', '2026-12-02 09:0'],
      ['transcript.html', 'text/html', '<!doctype html>'],
    ]);
    // A department without a topic goes to osTicket's default one.
    await new OsTicketProvider(settings()).create(outgoingTicket({ department: 'financial', priority: 'regular' }));
    expect(os.tickets[1]).toMatchObject({ topicId: null, priority: 2 });
  });

  it('passes osTicket’s validation errors on, and calls a wrong key a settings error', async () => {
    expect(await caught(new OsTicketProvider(settings()).create(outgoingTicket({ requester: { kind: 'guest', name: 'X', email: 'nope' } })))).toMatchObject({
      kind: 'rejected',
      message: 'HTTP 400: Unable to create new ticket: validation errors:\nemail: Valid email address required',
    });
    expect(await caught(new OsTicketProvider(settings({ apiKey: 'WRONG' })).create(outgoingTicket()))).toMatchObject({ kind: 'misconfigured', message: 'HTTP 401: API key not authorized' });
    expect(os.tickets).toEqual([]);
  });

  it('has no lookup: a timeout after sending is unclear, the ticket may exist', async () => {
    const provider: TicketProvider = new OsTicketProvider(settings({ timeoutMs: 300 }));
    expect(provider.dedupe).toBe('none');
    expect(provider.find).toBeUndefined();
    os.faults.push({ kind: 'slow', ms: 1_000 });
    expect(await caught(provider.create(outgoingTicket()))).toMatchObject({ kind: 'unclear' });
    expect(os.tickets).toHaveLength(1);
    os.faults.push({ kind: 'status', status: 500, body: 'Unable to create new ticket: unknown error' });
    expect(await caught(provider.create(outgoingTicket()))).toMatchObject({ kind: 'retryable' });
  });
});
