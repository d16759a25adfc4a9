import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, operatorCommands, visitorCommands, type Ack, type BucketSpec, type RateLimits } from '@introserv/shared';
import type { Socket } from 'socket.io-client';
import { createMemoryStores } from '../stores.js';
import { connected, helloPayload, startTestApp, type OperatorSocket, type TestApp, type VisitorSocket } from '../testing/test-app.js';

/** Payloads no command accepts. */
const GARBAGE: unknown[] = [undefined, null, 42, 'hello', [], true, { id: 5 }, { id: 'msg-12345678', text: 'x'.repeat(10_000) }, { __proto__: { admin: true } }];

/** Sends an event with an arbitrary payload, bypassing the typed maps on purpose. */
function raw(socket: Socket, event: string, payload: unknown): Promise<Ack> {
  return (socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, p: unknown): Promise<Ack> } }).timeout(3_000).emitWithAck(event, payload);
}

describe('malformed input never crashes the server', () => {
  let t: TestApp;
  let visitor: VisitorSocket;
  let operator: OperatorSocket;

  beforeAll(async () => {
    // Budgets this test cannot exhaust: it is about parsing, not rate limits (tested below).
    t = await startTestApp(createMemoryStores(), {}, (config) => ({
      ...config,
      rateLimits: everyClass({ burst: 10_000, perSecond: 10_000 }),
      connectionLimits: { ...config.connectionLimits, packets: { burst: 10_000, perSecond: 10_000 } },
    }));
    const op = await t.operator();
    operator = op.socket();
    visitor = t.visitor();
    await Promise.all([connected(operator), connected(visitor)]);
  });
  afterAll(() => t.close());

  // Every command of both namespaces, straight from the registries: a new command is covered by adding it.
  const everyCommand = [
    ...Object.keys(visitorCommands).map((event) => ['visitor', event] as const),
    ...Object.keys(operatorCommands).map((event) => ['operator', event] as const),
  ];
  it.each(everyCommand)('%s "%s" answers every bad payload with INVALID_PAYLOAD', async (nsp, event) => {
    const socket = (nsp === 'visitor' ? visitor : operator) as unknown as Socket;
    for (const payload of GARBAGE) {
      const ack = await raw(socket, event, payload);
      expect(ack.ok, `${event} ${JSON.stringify(payload ?? null).slice(0, 40)}`).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe('INVALID_PAYLOAD');
    }
  });

  it('explains which fields are wrong', async () => {
    const ack = await raw(visitor, 'hello', helloPayload({ language: 'klingon', page: { url: 'javascript:alert(1)', title: 'x' } }));
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.issues?.map((i) => i.path).sort()).toEqual(['language', 'page.url']);
  });

  it('refuses message:send before hello', async () => {
    const fresh = t.visitor();
    const ack = await fresh.emitWithAck('message:send', { id: 'early-msg-001', text: 'hi' });
    expect(!ack.ok && ack.error.code).toBe('HELLO_REQUIRED');
  });


  it('answers NOT_FOUND for a well-formed id that does not exist', async () => {
    for (const event of ['conversation:accept', 'conversation:watch', 'conversation:close'] as const) {
      const ack = await operator.emitWithAck(event, { conversationId: 'c_doesnotexist' });
      expect(!ack.ok && ack.error.code).toBe('NOT_FOUND');
    }
  });

  it('answers UNKNOWN_EVENT to an event that does not exist, and survives events without an ack', async () => {
    const ack = await raw(visitor, 'admin:drop-database', {});
    expect(!ack.ok && ack.error.code).toBe('UNKNOWN_EVENT');
    (visitor as unknown as Socket).emit('message:send', 'no ack and no sense');
    (visitor as unknown as Socket).emit('hello');
  });

  it('keeps serving well-formed requests afterwards, on the same and on new connections', async () => {
    const hello = await visitor.emitWithAck('hello', helloPayload());
    expect(hello.ok).toBe(true);
    const sent = await visitor.emitWithAck('message:send', { id: 'after-garbage-1', text: 'still alive?' });
    expect(sent.ok).toBe(true);
    const other = t.visitor();
    expect((await other.emitWithAck('hello', helloPayload())).ok).toBe(true);
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('drops a connection that sends a frame over the size limit, and only that one', async () => {
    const big = t.visitor();
    await connected(big);
    const gone = new Promise<string>((resolve) => big.once('disconnect', resolve));
    (big as unknown as Socket).emit('hello', { blob: 'x'.repeat(200_000) });
    expect(await gone).toBe('transport close');
    expect((await visitor.emitWithAck('hello', helloPayload())).ok).toBe(true);
  });

  it('refuses operator sockets without a session, and visitor sockets from a foreign origin', async () => {
    const { io } = await import('socket.io-client');
    const anon = io(`${t.url}/operator`, { transports: ['websocket'], forceNew: true });
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) => anon.once('connect_error', resolve));
    expect(err.data?.code).toBe('UNAUTHENTICATED');
    anon.disconnect();
    const foreign = io(`${t.url}/visitor`, { transports: ['websocket'], forceNew: true, extraHeaders: { origin: 'https://evil.example' } });
    const err2 = await new Promise<Error & { data?: { code: string } }>((resolve) => foreign.once('connect_error', resolve));
    expect(err2.data?.code).toBe('ORIGIN_NOT_ALLOWED');
    foreign.disconnect();
  });
});

describe('per-connection rate limits, one bucket per command class', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A message budget of 5 that does not refill within the test, so nothing here waits.
    const visitor: Record<string, BucketSpec> = { ...DEFAULT_RATE_LIMITS.visitor, message: { burst: 5, perSecond: 0.001 } };
    t = await startTestApp(createMemoryStores(), {}, (config) => ({ ...config, rateLimits: { ...DEFAULT_RATE_LIMITS, visitor } }));
  });
  afterAll(() => t.close());

  it('refuses a flood of one class with RATE_LIMITED and keeps the others open', async () => {
    const flood = t.visitor();
    await flood.emitWithAck('hello', helloPayload());
    const acks = await Promise.all(Array.from({ length: 12 }, (_, i) => flood.emitWithAck('message:send', { id: `flood-msg-${String(i).padStart(4, '0')}`, text: `m${i}` })));
    expect(acks.filter((a) => a.ok)).toHaveLength(5);
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toHaveLength(7);
    // The session class has its own budget: a hello still goes through.
    expect((await flood.emitWithAck('hello', helloPayload())).ok).toBe(true);
    // And another connection has its own.
    const other = t.visitor();
    await other.emitWithAck('hello', helloPayload());
    expect((await other.emitWithAck('message:send', { id: 'other-msg-0001', text: 'hi' })).ok).toBe(true);
  });
});

function everyClass(spec: BucketSpec): RateLimits {
  const all = (side: Record<string, BucketSpec>) => Object.fromEntries(Object.keys(side).map((k) => [k, spec]));
  return { visitor: all(DEFAULT_RATE_LIMITS.visitor), operator: all(DEFAULT_RATE_LIMITS.operator) } as RateLimits;
}
