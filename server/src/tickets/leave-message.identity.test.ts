import { createHmac } from 'node:crypto';
import type { LeaveMessageResult } from '@introserv/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { until } from '../testing/escalation-session.js';
import { helloPayload, startTestApp, type TestApp } from '../testing/test-app.js';

const SITE = 'https://introserv.com';
const SECRET = 'identity-secret-0123456789';

describe('a verified visitor’s leave-a-message ticket', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { ALLOWED_ORIGINS: SITE, IDENTITY_SECRET: SECRET });
  });
  afterAll(() => t.close());

  it('is filed under the account with the signed name and e-mail, not the ones typed into the form', async () => {
    const hash = createHmac('sha256', SECRET).update('42\0Ana Client\0client@example.com').digest('hex');
    const v = t.visitor();
    const hello = await v.emitWithAck('hello', helloPayload({ identity: { userId: '42', name: 'Ana Client', email: 'client@example.com', hash } }));
    v.disconnect();
    if (!hello.ok || hello.identity !== 'verified') throw new Error('identity not verified');
    const res = await fetch(`${t.url}/widget/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SITE, authorization: `Bearer ${hello.visitorToken}` },
      body: JSON.stringify({
        siteId: 'introserv',
        idempotencyKey: 'leave-verified-01',
        language: 'en',
        name: 'INTROSERV Billing',
        email: 'billing@introserv.com',
        department: 'financial',
        message: 'Please pay the invoice to the new account.',
        timeZone: 'Europe/Zagreb',
      }),
    });
    expect(res.status).toBe(202);
    const { message } = (await res.json()) as LeaveMessageResult;
    const follow = () => fetch(`${t.url}/widget/messages/${message.id}`, { headers: { origin: SITE, authorization: `Bearer ${hello.visitorToken}` } }).then((r) => r.json() as Promise<LeaveMessageResult>);
    const done = await until(follow, (r) => r.message.state === 'created');
    const ticket = await t.stores.tickets.get(done.message.ticket?.number ?? '');
    expect(ticket?.requester).toEqual({ kind: 'client', userId: '42', name: 'Ana Client', email: 'client@example.com' });
    expect(ticket?.body).not.toContain('INTROSERV Billing');
  });
});
