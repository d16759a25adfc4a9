import { createHmac } from 'node:crypto';
import type { Escalation, Message } from '@introserv/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { createMemoryStores } from '../stores.js';
import { chatUnderway, escalationInput, operatorApi, until } from '../testing/escalation-session.js';
import { startFakeOsTicket, type FakeOsTicket } from '../testing/helpdesks/fake-osticket.js';
import { startFakeWebhook, type FakeWebhook } from '../testing/helpdesks/fake-webhook.js';
import { startFakeWhmcs, type FakeWhmcs } from '../testing/helpdesks/fake-whmcs.js';
import { startFakeZammad, type FakeZammad } from '../testing/helpdesks/fake-zammad.js';
import { nextEvent, startTestApp, type TestApp } from '../testing/test-app.js';

/** Timings shrunk so that no test waits long: retries after 20–80 ms, a call times out after 300 ms. */
const fast = (c: Config): Config => ({ ...c, escalation: { ...c.escalation, pollMs: 50, retryBaseMs: 20, retryMaxMs: 80, timeoutMs: 300, claimMs: 1_000, maxAttempts: 4 } });

describe('the escalation outbox against help desks that are down, slow or erroring: exactly one ticket each time', () => {
  let whmcs: FakeWhmcs;
  let os: FakeOsTicket;
  let zammad: FakeZammad;
  let hook: FakeWebhook;
  let t: TestApp;
  beforeAll(async () => {
    [whmcs, os, zammad, hook] = await Promise.all([startFakeWhmcs(), startFakeOsTicket(), startFakeZammad(), startFakeWebhook()]);
  });
  afterAll(async () => {
    await Promise.all([whmcs.close(), os.close(), zammad.close(), hook.close()]);
  });
  afterEach(async () => {
    await t.close();
    // A test that failed half-way must not leave the next one a help desk that is down.
    await whmcs.up();
  });
  const withWhmcs = () => ({ TICKET_PROVIDER: 'whmcs', WHMCS_URL: whmcs.url, WHMCS_IDENTIFIER: whmcs.identifier, WHMCS_SECRET: whmcs.secret });
  const openTickets = () => whmcs.requests.filter((r) => new URLSearchParams(r.body).get('action') === 'OpenTicket').length;

  async function escalate(env: Record<string, string>, tune: (c: Config) => Config = fast) {
    t = await startTestApp(createMemoryStores(), env, tune);
    const chat = await chatUnderway(t);
    const api = operatorApi(t.url, chat.op);
    const res = await api.escalate(chat.conversationId, escalationInput());
    expect(res.status).toBe(201);
    const { escalation } = (await res.json()) as { escalation: Escalation };
    const settled = (states: Escalation['state'][]) => until(async () => (await api.list(chat.conversationId))[0]!, (e) => states.includes(e.state));
    return { chat, api, escalation, settled };
  }

  it('help desk down: retries with backoff until it is back, then files one ticket', async () => {
    whmcs.tickets.length = 0;
    whmcs.requests.length = 0;
    await whmcs.down();
    // Tries without end here: however slow the machine, the help desk is back before the last one.
    const { settled, api, chat } = await escalate(withWhmcs(), (c) => {
      const quick = fast(c);
      return { ...quick, escalation: { ...quick.escalation, maxAttempts: 1_000 } };
    });
    // Between two tries, not during one (a try in flight has no next attempt yet).
    const waiting = await until(async () => (await api.list(chat.conversationId))[0]!, (e) => e.attempts >= 2 && e.nextAttemptAt !== null);
    expect(waiting).toMatchObject({ state: 'pending', failure: { reason: 'unreachable', detail: expect.stringContaining('ECONNREFUSED') } });
    expect(waiting.nextAttemptAt).not.toBeNull();
    await whmcs.up();
    const done = await settled(['created']);
    expect(done.ticket?.number).toBe(`#${whmcs.tickets[0]?.tid ?? ''}`);
    expect(whmcs.tickets).toHaveLength(1);
  });

  it('help desk slow: the ticket it made after our timeout is found by its marker, not made twice', async () => {
    whmcs.tickets.length = 0;
    whmcs.requests.length = 0;
    // GetSupportDepartments answers; OpenTicket is processed but answered after our 300 ms.
    whmcs.faults.push({ kind: 'slow', ms: 0 }, { kind: 'slow', ms: 800 });
    const { settled, escalation } = await escalate(withWhmcs());
    const done = await settled(['created']);
    expect(whmcs.tickets).toHaveLength(1);
    expect(openTickets()).toBe(1);
    expect(whmcs.tickets[0]?.subject).toContain(escalation.marker);
    expect(done).toMatchObject({ ticket: { number: `#${whmcs.tickets[0]?.tid ?? ''}` }, attempts: 2 });
    expect(whmcs.requests.some((r) => new URLSearchParams(r.body).get('action') === 'GetTickets')).toBe(true);
  });

  it('help desk erroring: 503 and 429 are tried again; a refusal is not, and is shown with the help desk’s reason', async () => {
    whmcs.tickets.length = 0;
    whmcs.requests.length = 0;
    whmcs.faults.push({ kind: 'status', status: 503, body: '<html>down for maintenance</html>' }, { kind: 'status', status: 429, body: '', headers: { 'retry-after': '0' } });
    const first = await escalate(withWhmcs());
    expect(await first.settled(['created'])).toMatchObject({ attempts: 3 });
    expect(whmcs.tickets).toHaveLength(1);
    await t.close();

    whmcs.requests.length = 0;
    // A visitor the site verified as client 77, whom WHMCS does not know: a validation error.
    const secret = 'identity-secret-0123456789';
    t = await startTestApp(createMemoryStores(), { ...withWhmcs(), IDENTITY_SECRET: secret }, fast);
    const chat = await chatUnderway(t, { identity: { userId: '77', email: 'someone@example.com', hash: createHmac('sha256', secret).update('77\0\0someone@example.com').digest('hex') } });
    const api = operatorApi(t.url, chat.op);
    const alert = nextEvent<Escalation>(chat.opSocket, 'escalation:updated', 5_000, (e) => e.state === 'failed');
    const failedEvent = nextEvent<Message>(chat.opSocket, 'message:created', 5_000, (m) => m.event?.type === 'escalation' && m.event.state === 'failed');
    expect((await api.escalate(chat.conversationId, escalationInput())).status).toBe(201);
    expect(await alert).toMatchObject({ state: 'failed', attempts: 1, failure: { reason: 'rejected', detail: 'WHMCS OpenTicket: Client ID Not Found' } });
    expect((await failedEvent).event).toMatchObject({ reason: 'WHMCS OpenTicket: Client ID Not Found' });
    expect(openTickets()).toBe(1);
    expect((await api.attention()).map((e) => e.state)).toEqual(['failed']);
  });

  it('gives up after the last try with an alert, and an operator’s retry starts over and files one ticket', async () => {
    whmcs.tickets.length = 0;
    await whmcs.down();
    const { settled, api, chat } = await escalate(withWhmcs());
    const failed = await settled(['failed']);
    expect(failed).toMatchObject({ attempts: 4, failure: { reason: 'unreachable' } });
    expect((await api.attention()).map((e) => e.id)).toEqual([failed.id]);
    await whmcs.up();
    const retried = await api.retry(failed.id);
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { escalation: Escalation }).escalation.state).toBe('pending');
    expect(await settled(['created'])).toMatchObject({ attempts: 5 });
    expect(whmcs.tickets).toHaveLength(1);
    expect(await api.attention()).toEqual([]);
    // The operator's retry is in the history, by name.
    const watched = await chat.opSocket.emitWithAck('conversation:watch', { conversationId: chat.conversationId });
    if (!watched.ok) throw new Error('watch refused');
    const events = watched.messages.filter((m) => m.event?.type === 'escalation').map((m) => (m.event?.type === 'escalation' ? [m.event.state, m.event.operator?.name ?? null] : []));
    expect(events).toEqual([
      ['pending', 'Ana'],
      ['failed', null],
      ['pending', 'Ana'],
    ]);
  });

  it('osTicket, which has no lookup: a timeout leaves the escalation unconfirmed with its marker, never sent blindly again', async () => {
    os.faults.push({ kind: 'slow', ms: 800 });
    const { settled, api, escalation } = await escalate({ TICKET_PROVIDER: 'osticket', OSTICKET_URL: os.url, OSTICKET_API_KEY: os.apiKey });
    const unconfirmed = await settled(['unconfirmed']);
    expect(unconfirmed).toMatchObject({ attempts: 1, failure: { reason: 'unconfirmed' }, marker: escalation.marker });
    // Several polls later, still one ticket: nobody resends it.
    await until(async () => os.requests.length, () => true);
    await t.app.escalationWorker.pass();
    await t.app.escalationWorker.pass();
    expect(os.tickets).toHaveLength(1);
    expect(os.tickets[0]?.subject).toContain(escalation.marker);
    // The operator searched, found nothing, and chooses to send again: that is deliberate.
    await api.retry(unconfirmed.id);
    await settled(['created']);
    expect(os.tickets).toHaveLength(2);
  });

  it('Zammad slow: the lookup finds the ticket; the webhook slow: sending again with the same key is answered 409 with the number', async () => {
    zammad.faults.push({ kind: 'slow', ms: 800 });
    const z = await escalate({ TICKET_PROVIDER: 'zammad', ZAMMAD_URL: zammad.url, ZAMMAD_TOKEN: zammad.token });
    expect(await z.settled(['created'])).toMatchObject({ ticket: { number: `#${zammad.tickets[0]?.number ?? ''}` } });
    expect(zammad.tickets).toHaveLength(1);
    await t.close();

    hook.faults.push({ kind: 'slow', ms: 800 });
    const w = await escalate({ TICKET_PROVIDER: 'webhook', TICKET_WEBHOOK_URL: `${hook.url}/tickets`, TICKET_WEBHOOK_SECRET: hook.secret });
    expect(await w.settled(['created'])).toMatchObject({ ticket: { number: hook.deliveries[0]?.number }, attempts: 2 });
    expect(hook.deliveries).toHaveLength(1);
    expect(hook.requests.map((r) => r.headers['idempotency-key'])).toEqual([w.escalation.id, w.escalation.id]);
  });
});
