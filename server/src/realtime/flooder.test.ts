import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { connected, helloPayload, startTestApp, type TestApp, type VisitorSocket } from '../testing/test-app.js';

/**
 * The flooder runs in its own process (its own CPU, as an attacker's would be): one
 * connection sending acked `hello`s as fast as it can; cut, it connects again and goes on,
 * for `FLOOD_MS`. It prints one JSON line: how long its first connection lasted and how
 * many commands it got out.
 */
const FLOODER = `
const { io } = await import(process.env.SOCKET_IO_CLIENT);
const until = Date.now() + Number(process.env.FLOOD_MS);
const payload = JSON.parse(process.env.HELLO);
let firstCut = null, sent = 0, connections = 0, start = 0;
while (Date.now() < until) {
  const s = io(process.env.URL, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': '198.51.100.13' } });
  const up = await new Promise((r) => { s.once('connect', () => r(true)); s.once('connect_error', () => r(false)); setTimeout(() => r(false), 1000); });
  if (!up) { s.close(); await new Promise((r) => setTimeout(r, 50)); continue; }
  connections++;
  if (connections === 1) { start = performance.now(); console.log('flooding'); }
  while (s.connected && Date.now() < until) {
    for (let i = 0; i < 200; i++) { s.emit('hello', payload, () => {}); sent++; }
    await new Promise((r) => setImmediate(r));
  }
  if (connections === 1 && !s.connected) firstCut = performance.now() - start;
  s.close();
}
console.log(JSON.stringify({ firstCutMs: firstCut, sent, connections }));
process.exit(0);
`;

interface FloodReport {
  firstCutMs: number | null;
  sent: number;
  connections: number;
}

function startFlooder(url: string, ms: number): { flooding: Promise<void>; done: Promise<FloodReport> } {
  const child = spawn(process.execPath, ['--input-type=module', '-e', FLOODER], {
    env: { ...process.env, URL: `${url}/visitor`, FLOOD_MS: String(ms), HELLO: JSON.stringify(helloPayload()), SOCKET_IO_CLIENT: createRequire(import.meta.url).resolve('socket.io-client') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let started: () => void = () => {};
  const flooding = new Promise<void>((resolve) => (started = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('flooding')) started();
  });
  const done = new Promise<FloodReport>((resolve, reject) => {
    child.once('exit', () => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as FloodReport);
      } catch {
        reject(new Error(`flooder said: ${out}`));
      }
    });
  });
  return { flooding, done };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe('one flooder does not slow everyone', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The victims' message budget must not be what the test measures (the flooder sends hellos).
    t = await startTestApp(createMemoryStores(), { TRUST_PROXY: '1' }, (c) => ({
      ...c,
      rateLimits: { ...c.rateLimits, visitor: { ...c.rateLimits.visitor, message: { burst: 1_000, perSecond: 1_000 } } },
    }));
  });
  afterAll(() => t.close());

  it('cuts a connection sending tens of thousands of acked commands a second within a second, and keeps another visitor within 2x of its usual latency', async () => {
    // Ten ordinary visitors, each writing at a pace a person could (~15 messages/s at most,
    // within a visitor's packet budget), together about 150 acks a second to measure.
    const victims: VisitorSocket[] = [];
    for (let i = 0; i < 10; i++) {
      const v = t.visitor({ 'x-forwarded-for': `203.0.113.${100 + i}` });
      await connected(v);
      expect((await v.emitWithAck('hello', helloPayload())).ok).toBe(true);
      victims.push(v);
    }
    let n = 0;
    const ackMs = async () => {
      const victim = victims[n % victims.length]!;
      const t0 = performance.now();
      const ack = await victim.timeout(10_000).emitWithAck('message:send', { id: `victim-${String(n++).padStart(6, '0')}`, text: 'ping' });
      const ms = performance.now() - t0;
      expect(ack.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 5));
      return ms;
    };
    for (let i = 0; i < 30; i++) await ackMs(); // warm-up
    const baseline: number[] = [];
    for (let i = 0; i < 150; i++) baseline.push(await ackMs());

    const flood = startFlooder(t.url, 2_000);
    await flood.flooding;
    const during: number[] = [];
    const state = { finished: false };
    void flood.done.finally(() => {
      state.finished = true;
    });
    while (!state.finished) during.push(await ackMs());
    const report = await flood.done;

    const base = median(baseline);
    const underFlood = median(during);
    // A floor for a loaded 2-core machine, where sub-millisecond medians jitter.
    expect(underFlood, `median ack ${underFlood.toFixed(2)} ms under flood vs ${base.toFixed(2)} ms (${during.length} samples)`).toBeLessThanOrEqual(Math.max(2 * base, 2));
    expect(report.firstCutMs, JSON.stringify(report)).not.toBeNull();
    expect(report.firstCutMs!).toBeLessThan(1_000);
  });
});
