import { createHmac, timingSafeEqual } from 'node:crypto';
import { json, startFakeHttp, type FakeHttp, type Recorded, type Reply } from './fake-http.js';

export interface WebhookDelivery {
  key: string;
  payload: Record<string, unknown>;
  number: string;
}

export interface FakeWebhook extends FakeHttp {
  deliveries: WebhookDelivery[];
  secret: string;
}

/**
 * A receiver as docs/PROTOCOL.md asks one to be: it checks the signature (HMAC-SHA256 of
 * `<timestamp>.<body>`, timestamp within 5 minutes), files a ticket once per Idempotency-Key
 * (201 with the number), and answers a key it has seen with 409 and the same number.
 */
export async function startFakeWebhook(now: () => number = Date.now): Promise<FakeWebhook> {
  const secret = 'webhook-secret-0123456789';
  const deliveries: WebhookDelivery[] = [];

  const handle = (req: Recorded): Reply => {
    const timestamp = String(req.headers['x-introserv-timestamp'] ?? '');
    const signature = String(req.headers['x-introserv-signature'] ?? '');
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${req.body}`).digest('hex')}`;
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return json(401, { error: 'bad signature' });
    if (Math.abs(now() / 1000 - Number(timestamp)) > 300) return json(401, { error: 'stale timestamp' });
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!key) return json(400, { error: 'Idempotency-Key required' });
    const seen = deliveries.find((d) => d.key === key);
    if (seen) return json(409, { number: seen.number, url: `https://crm.example.com/t/${seen.number}` });
    const payload = JSON.parse(req.body) as Record<string, unknown>;
    if (typeof payload.subject !== 'string' || !payload.subject) return json(422, { error: 'subject missing' });
    const delivery = { key, payload, number: `CRM-${1000 + deliveries.length}` };
    deliveries.push(delivery);
    return json(201, { number: delivery.number, url: `https://crm.example.com/t/${delivery.number}` });
  };

  const http = await startFakeHttp(handle);
  return Object.assign(http, { deliveries, secret });
}
