import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { connected, helloPayload, startTestApp, type TestApp } from '../testing/test-app.js';

describe('logs', () => {
  let t: TestApp;
  const logs: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), {}, (c) => c, { logs });
  });
  afterAll(() => t.close());

  it('carry request, connection and conversation ids, and never a message text, a token or a password at info', async () => {
    const secretText = 'my card number is 4111 1111 1111 1111';
    const op = await t.operator();
    const opSocket = op.socket();
    await connected(opSocket);
    await op.online();
    const visitor = t.visitor();
    const hello = await visitor.emitWithAck('hello', helloPayload());
    const sent = await visitor.emitWithAck('message:send', { id: 'log-msg-0001', text: secretText });
    expect(sent.ok).toBe(true);
    const conversationId = sent.ok ? sent.message.conversationId : '';
    await opSocket.emitWithAck('conversation:close', { conversationId });
    // A refused command is logged with the connection's id.
    await visitor.emitWithAck('message:send', { id: 'log-msg-0002', text: 'x'.repeat(6_000) });
    // A failing request is logged with its id.
    const failed = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(failed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const text = logs.join('');
    expect(text).not.toContain(secretText);
    expect(text).not.toContain(op.password);
    expect(text).not.toContain(hello.ok ? hello.visitorToken : 'no token');
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.conversationId === conversationId && l.msg === 'conversation opened')).toBe(true);
    expect(lines.some((l) => typeof l.conn === 'string' && l.msg === 'invalid payload')).toBe(true);
  });
});
