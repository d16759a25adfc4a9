import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('HTTP hardening', () => {
  let t: TestApp;
  let https: TestApp;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), {}, (c) => ({ ...c, timings: { ...c.timings, requestTimeoutMs: 500, headersTimeoutMs: 400, connectionsCheckingIntervalMs: 100 } }));
    https = await startTestApp(createMemoryStores(), { PUBLIC_URL: 'https://chat.introserv.test' });
  });
  afterAll(async () => {
    await t.close();
    await https.close();
  });

  it('drops a request whose body trickles in, after the request timeout', async () => {
    const { port } = new URL(t.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    const started = Date.now();
    // One byte every 100 ms: the body would take 100 s.
    const drip = setInterval(() => socket.write(' '), 100);
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    const closed = await Promise.race([
      new Promise<boolean>((resolve) => socket.once('close', () => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3_000)),
    ]);
    clearInterval(drip);
    socket.destroy();
    expect(closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answer).toMatch(/^HTTP\/1.1 408/);
  });

  it('marks API answers no-store and nosniff', async () => {
    const res = await fetch(`${t.url}/api/auth/me`);
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS when the public URL is https', async () => {
    const res = await fetch(`${https.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });
});
