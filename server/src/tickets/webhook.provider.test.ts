import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWebhook, type FakeWebhook } from '../testing/helpdesks/fake-webhook.js';
import { outgoingTicket } from '../testing/outgoing-ticket.js';
import type { TicketError } from './ticket-provider.js';
import { WebhookProvider, webhookSignature } from './webhook.provider.js';

describe('webhook provider: signed JSON with an Idempotency-Key', () => {
  let hook: FakeWebhook;
  const provider = (secret = hook.secret, timeoutMs = 2_000) => new WebhookProvider({ url: `${hook.url}/tickets`, secret, timeoutMs });
  beforeAll(async () => {
    hook = await startFakeWebhook();
  });
  afterAll(() => hook.close());
  beforeEach(() => {
    hook.requests.length = 0;
    hook.deliveries.length = 0;
  });
  const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as TicketError);

  it('sends the whole escalation, signed over timestamp and body, and reads the number', async () => {
    expect(await provider().create(outgoingTicket())).toEqual({ number: 'CRM-1000', url: 'https://crm.example.com/t/CRM-1000', requester: 'guest' });
    const [req] = hook.requests;
    expect(req?.headers['idempotency-key']).toBe('e_0123456789abcdefghij');
    expect(req?.headers['x-introserv-signature']).toBe(webhookSignature(hook.secret, String(req?.headers['x-introserv-timestamp']), req?.body ?? ''));
    expect(hook.deliveries[0]?.payload).toMatchObject({
      type: 'escalation',
      id: 'e_0123456789abcdefghij',
      marker: 'LC7F3K9Q2MXA',
      department: 'technical',
      priority: 'high',
      requester: { kind: 'guest', email: 'ivo@example.com' },
      incident: { serverOrOrder: '203.0.113.7' },
      attachments: [{ name: 'transcript.txt' }, { name: 'transcript.html' }],
    });
  });

  it('takes 409 with a number as already created, so sending again after a timeout is safe', async () => {
    const p = provider('', 300);
    const signed = provider();
    hook.faults.push({ kind: 'slow', ms: 1_000 });
    expect(await caught(new WebhookProvider({ url: `${hook.url}/tickets`, secret: hook.secret, timeoutMs: 300 }).create(outgoingTicket()))).toMatchObject({ kind: 'unclear' });
    expect(await signed.create(outgoingTicket())).toEqual({ number: 'CRM-1000', url: 'https://crm.example.com/t/CRM-1000', requester: 'guest' });
    expect(hook.deliveries).toHaveLength(1);
    // A wrong secret is a settings error.
    expect(await caught(p.create(outgoingTicket()))).toMatchObject({ kind: 'misconfigured' });
  });

  it('calls 409 without a number unconfirmed, 5xx retryable and 4xx rejected', async () => {
    hook.faults.push({ kind: 'status', status: 409, body: '{}' });
    expect(await caught(provider().create(outgoingTicket()))).toMatchObject({ kind: 'unconfirmed' });
    hook.faults.push({ kind: 'status', status: 502, body: 'bad gateway' });
    expect(await caught(provider().create(outgoingTicket()))).toMatchObject({ kind: 'retryable' });
    expect(await caught(provider().create(outgoingTicket({ subject: '' })))).toMatchObject({ kind: 'rejected', message: 'HTTP 422: subject missing' });
  });
});
