import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeZammad, type FakeZammad } from '../testing/helpdesks/fake-zammad.js';
import { outgoingTicket } from '../testing/outgoing-ticket.js';
import type { TicketError } from './ticket-provider.js';
import { ZammadProvider, type ZammadSettings } from './zammad.provider.js';

describe('Zammad provider, against a server that speaks the documented API', () => {
  let z: FakeZammad;
  const settings = (over: Partial<ZammadSettings> = {}): ZammadSettings => ({
    url: z.url,
    token: z.token,
    groups: { technical: 'Technical issues', financial: 'Financial issues' },
    priorities: { regular: '2 normal', high: '3 high' },
    timeoutMs: 2_000,
    ...over,
  });
  beforeAll(async () => {
    z = await startFakeZammad();
  });
  afterAll(() => z.close());
  beforeEach(() => {
    z.requests.length = 0;
    z.tickets.length = 0;
  });
  const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as TicketError);

  it('creates a ticket with its first article and attachments, for a customer guessed by e-mail', async () => {
    const created = await new ZammadProvider(settings()).create(outgoingTicket());
    expect(created).toEqual({ number: '#22019', url: `${z.url}/#ticket/zoom/19`, requester: 'guest' });
    expect(z.requests[0]?.headers.authorization).toBe(`Token token=${z.token}`);
    expect(z.tickets[0]).toMatchObject({ title: 'VPS unreachable [LC7F3K9Q2MXA]', group: 'Technical issues', customer: 'ivo@example.com', priority: '3 high', article: { type: 'web', internal: false, content_type: 'text/plain' } });
    expect(z.tickets[0]?.article.attachments.map((a) => [a.filename, a['mime-type']])).toEqual([
      ['transcript.txt', 'text/plain'],
      ['transcript.html', 'text/html'],
    ]);
  });

  it('finds a ticket by the marker in its title', async () => {
    const provider = new ZammadProvider(settings());
    expect(await provider.find(outgoingTicket())).toBeNull();
    await provider.create(outgoingTicket());
    expect(await provider.find(outgoingTicket())).toMatchObject({ number: '#22019' });
    expect(z.requests.at(-1)?.path).toBe('/api/v1/tickets/search?query=LC7F3K9Q2MXA&limit=10');
  });

  it('calls an unknown group or a bad token a settings error, and other refusals this ticket’s', async () => {
    expect(await caught(new ZammadProvider(settings({ groups: { technical: 'Users', financial: 'Users' } })).create(outgoingTicket()))).toMatchObject({ kind: 'misconfigured', message: expect.stringContaining("No lookup value found for 'group'") });
    expect(await caught(new ZammadProvider(settings({ token: 'nope' })).create(outgoingTicket()))).toMatchObject({ kind: 'misconfigured', message: 'HTTP 401: authentication failed' });
    expect(await caught(new ZammadProvider(settings()).create(outgoingTicket({ text: '' })))).toMatchObject({ kind: 'rejected', message: 'HTTP 422: Need at least an article body' });
    expect(z.tickets).toEqual([]);
  });
});
