import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { freePort } from '../testing/redis-server.js';
import { connected, helloPayload, startTestApp, type TestApp } from '../testing/test-app.js';

describe('/metrics', () => {
  let t: TestApp;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { METRICS_TOKEN: token });
  });
  afterAll(() => t.close());

  it('needs the bearer token', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('counts connections, queue, waits, first responses, message latency and refusals', async () => {
    const op = await t.operator();
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();
    const visitor = t.visitor();
    await visitor.emitWithAck('hello', helloPayload());
    const sent = await visitor.emitWithAck('message:send', { id: 'metrics-msg-01', text: 'hello' });
    expect(sent.ok).toBe(true);
    const conversationId = sent.ok ? sent.message.conversationId : '';
    expect((await opSocket.emitWithAck('message:send', { conversationId, id: 'metrics-reply-1', text: 'hi' })).ok).toBe(true);
    await visitor.emitWithAck('hello', { nonsense: true } as never);

    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/livechat_connections\{namespace="visitor"\} 1/);
    expect(text).toMatch(/livechat_connections\{namespace="operator"\} 1/);
    expect(text).toMatch(/livechat_queue_length\{queue="general"\} 0/);
    expect(text).toMatch(/livechat_wait_seconds_count\{queue="general"\} 1/);
    expect(text).toMatch(/livechat_first_response_seconds_count\{queue="general"\} 1/);
    expect(text).toMatch(/livechat_command_duration_seconds_count\{namespace="visitor",command="message:send"\} 1/);
    expect(text).toMatch(/livechat_store_errors_total/);
    expect(text).toMatch(/livechat_rate_limited_total/);
  });

  it('is served without a token on METRICS_PORT, and not on the public port then', async () => {
    const port = await freePort();
    const separate = await startTestApp(createMemoryStores(), { METRICS_PORT: String(port) });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
      expect((await fetch(`${separate.url}/metrics`)).status).not.toBe(200);
    } finally {
      await separate.close();
    }
  });
});
