import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedisStores } from './stores.js';
import { ChatTraffic, TrafficOperator, TrafficVisitor, type TrafficReport } from './testing/chat-traffic.js';
import { nginxAvailable, startNginx, type NginxHandle } from './testing/nginx.js';
import { freePort, redisAvailable, startRedisServer, type RedisServerHandle } from './testing/redis-server.js';
import { startServerProcess, type ServerProcess } from './testing/server-process.js';
import { helloPayload, login, type VisitorSocket } from './testing/test-app.js';

const canRun = redisAvailable() && nginxAvailable();
const ADMIN = { email: 'admin@introserv.test', password: 'behind-nginx-password' };

/**
 * deploy/nginx.conf in front of three server processes on one Redis, TRUST_PROXY=1, as
 * deploy/README.md sets them up: four visitors and an operator chat through nginx without
 * pause while one process is killed, all three are restarted one after the other, and nginx
 * reloads its configuration.
 */
describe.skipIf(!canRun)('behind nginx: three processes, one Redis', () => {
  let redis: RedisServerHandle | undefined;
  let nginx: NginxHandle | undefined;
  const ports: number[] = [];
  const processes: ServerProcess[] = [];
  let traffic: ChatTraffic | undefined;
  let env: Record<string, string> = {};

  const start = (i: number) => startServerProcess({ ...env, PORT: String(ports[i]) }).then((p) => (processes[i] = p));

  beforeAll(async () => {
    const r = (redis = await startRedisServer());
    for (let i = 0; i < 3; i++) ports.push(await freePort());
    // Old workers keep their WebSockets this long after the reload (30 s in the shipped file).
    const n = (nginx = await startNginx(ports, { workerShutdownTimeout: '2s' }));
    env = {
      REDIS_URL: r.url,
      TRUST_PROXY: '1',
      PUBLIC_URL: n.url,
      SESSION_SECRET: 'behind-nginx-test-secret-0123456789abcdef',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ALLOWED_ORIGINS: '*',
      // Every client here comes from 127.0.0.1.
      QUOTA_MESSAGES_PER_IP_MINUTE: '100000',
    };
    // With ADMIN_PASSWORD set, processes may start together (docs/OPERATIONS.md).
    await Promise.all([0, 1, 2].map(start));
  }, 60_000);

  afterAll(async () => {
    traffic?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await nginx?.stop();
    await redis?.stop();
  });

  it('loses and doubles nothing, and every client is back within 10 s: kill -9, a rolling restart, nginx -s reload', async () => {
    if (!nginx || !redis) throw new Error('not started');
    const { cookie, operatorId } = await login(nginx.url, ADMIN.email, ADMIN.password);
    const visitors = ['v1', 'v2', 'v3', 'v4'].map((name) => new TrafficVisitor(nginx!.url, name));
    traffic = new ChatTraffic(visitors, new TrafficOperator(nginx.url, 'op', operatorId, cookie), 1_000);
    await traffic.allBack();
    await traffic.open();
    await traffic.flowing(10);

    // 1. A process dies without a word; systemd (Restart=always) starts it again.
    await processes[0]!.kill();
    await traffic.allBack();
    await traffic.flowing(10);
    await start(0);

    // 2. A rolling restart: SIGTERM (a graceful stop), start, ready, then the next one.
    for (const i of [0, 1, 2]) {
      await processes[i]!.stop();
      expect(processes[i]!.exitCode()).toBe(0);
      await start(i);
      await traffic.flowing(5);
    }

    // 3. nginx reads its configuration again; the old worker closes its WebSockets after 2 s.
    await nginx.reload();
    await traffic.flowing(5);
    await new Promise((r) => setTimeout(r, 2_500));
    await traffic.allBack();
    await traffic.flowing(10);

    await traffic.settle();
    const stores = connectRedisStores(redis.url);
    let report: TrafficReport;
    try {
      report = await traffic.verify(stores);
    } finally {
      await stores.close();
    }
    expect(report).toMatchObject({ lost: [], duplicated: [], unseen: [], refused: [] });
    for (const [client, ms] of Object.entries(report.longestOutageMs)) expect({ client, backWithin10s: ms < 10_000 }).toEqual({ client, backWithin10s: true });
    // Everyone was cut off at least once (the reload closes every WebSocket of the old worker).
    for (const c of [...visitors, traffic.operator]) expect(c.outages.length, c.name).toBeGreaterThan(0);
  }, 90_000);

  it('keeps long polling (the widget’s fallback) on one process, and takes the client address from X-Forwarded-For', async () => {
    if (!nginx || !redis) throw new Error('not started');
    // A forged X-Forwarded-For: nginx appends the address it saw, and TRUST_PROXY=1 takes that one.
    const polling: VisitorSocket = io(`${nginx.url}/visitor`, { transports: ['polling'], forceNew: true, extraHeaders: { 'x-forwarded-for': '203.0.113.66' } });
    try {
      const hello = await polling.timeout(5_000).emitWithAck('hello', helloPayload());
      expect(hello.ok).toBe(true);
      for (let i = 0; i < 5; i++) {
        const sent = await polling.timeout(5_000).emitWithAck('message:send', { id: `polling-msg-${i}0000`, text: `over long polling ${i}` });
        expect(sent.ok).toBe(true);
        if (i === 0 && sent.ok) {
          const stores = connectRedisStores(redis.url);
          try {
            const conversation = await stores.conversations.get(sent.message.conversationId);
            expect(conversation?.visitor.ip).toBe('127.0.0.1');
          } finally {
            await stores.close();
          }
        }
      }
      // Still the transport it started with: every request of its session found the same process.
      expect(polling.io.engine.transport.name).toBe('polling');
    } finally {
      polling.disconnect();
    }
  });
});
