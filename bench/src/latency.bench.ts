/**
 * Visitor → operator message latency, against the DESIGN.md budgets:
 *   - our server, one process, Redis store: p99 ≤ 2 × a bare Socket.IO relay in the same run;
 *   - two processes + Redis (visitors on A, operators on B): p99 ≤ 2 × single-process p99.
 *
 * Run: `pnpm --filter @introserv/bench bench:latency` (env BENCH_CHATS, default 1000;
 * BENCH_SECONDS, default 20). Prints ONE JSON object on stdout; progress goes to stderr.
 *
 * How it measures (the same in all three phases):
 *   - every server under test runs in its own child process (`node --import tsx …`), so its
 *     CPU is separate from this load generator's; this process holds every client socket;
 *   - N chats, each visitor sends 1 message/s for D seconds, the N visitors staggered
 *     evenly over each second (a steady N msg/s, not N-message bursts), after
 *     BENCH_WARMUP_SECONDS (default 2) of the same load that is not measured;
 *   - latency = operator-client receive time − visitor send time, both `performance.now()`
 *     of this process; the send time travels in the payload;
 *   - a message not received within 5 s of its send counts as lost, and is not in the
 *     percentiles;
 *   - topology: ceil(N / 100) operators (capacity 100 is the maximum the config allows),
 *     one socket each, each in the rooms of its 100 chats. The bare relay uses the same
 *     topology (BENCH_BARE_PAIRED=1: one operator socket per chat instead), so the ratio
 *     compares server work and not client counts.
 * Loopback only; bounded in count (BENCH_CHATS ≤ 5000) and time (BENCH_SECONDS ≤ 60, and
 * every wait has a deadline). All child processes and redis-servers are stopped at the end,
 * on error and on SIGINT/SIGTERM too.
 */
import { machineInfo } from './machine.js';
import { randomBytes, scrypt } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { connectRedisStores } from '@introserv/server';
import { freePort, startRedisServer, type RedisServerHandle } from '@introserv/server/testing';
import {
  NAMESPACES,
  type Message,
  type OperatorClientEvents,
  type OperatorServerEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '@introserv/shared';
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { RelayClientEvents, RelayPayload, RelayServerEvents } from './bare-relay.server.js';
import {
  cleanupAll,
  cleanups,
  cpuSeconds,
  installCleanupHandlers,
  intEnv,
  ONE_ADDRESS_LIMITS,
  round,
  rssMb,
  serverMain,
  sleep,
  spawnNode,
  waitFor,
  type NodeProcess,
} from './processes.js';

// ---------------------------------------------------------------------------- settings

const CHATS = intEnv('BENCH_CHATS', 1000, 1, 5000);
const SECONDS = intEnv('BENCH_SECONDS', 20, 1, 60);
/**
 * Unmeasured seconds of the same load before the measured ones, in every phase: the
 * first messages through a fresh process hit cold (unoptimised) code and first-time
 * allocations, which would otherwise land in the p99 of whichever phase is coldest.
 */
const WARMUP_SECONDS = intEnv('BENCH_WARMUP_SECONDS', 2, 0, 10);
/** The config's maximum OPERATOR_CAPACITY: the fewest operators that can hold CHATS chats. */
const CAPACITY = 100;
const OPERATORS = Math.ceil(CHATS / CAPACITY);
const TOTAL = CHATS * SECONDS;
/** Sequence numbers below this are warm-up load: sent and received the same way, not counted. */
const FIRST_MEASURED = CHATS * WARMUP_SECONDS;
const DRIVEN = FIRST_MEASURED + TOTAL;
const LOSS_MS = 5_000;
const BARE_PAIRED = process.env.BENCH_BARE_PAIRED === '1';
const BUDGET_RATIO = 2;
/** Two processes against one (issue 9: ≤ 1.5 ×). */
const CROSS_BUDGET_RATIO = 1.5;
/** Which phases to run (the capacity bench runs one at a time): bare,single,cross. */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'bare,single,cross').split(',').map((s) => s.trim()));

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
// The server's package directory, found through its public entry rather than a relative path.
const SERVER_DIR = dirname(dirname(fileURLToPath(import.meta.resolve('@introserv/server'))));
const SERVER_MAIN = serverMain(SERVER_DIR);

const ADMIN_EMAIL = 'bench-admin@introserv.test';
const ADMIN_PASSWORD = 'bench-admin-password';
const OPERATOR_PASSWORD = 'bench-operator-password';
const SESSION_SECRET = randomBytes(32).toString('base64url');

const log = (msg: string) => process.stderr.write(`[latency] ${msg}\n`);
installCleanupHandlers(log);

// --------------------------------------------------------------------------- recording

class Recorder {
  /** Latency in ms per message sequence number; NaN until received. */
  readonly latency = new Float64Array(DRIVEN).fill(NaN);
  readonly sentFlag = new Uint8Array(DRIVEN);
  sent = 0;
  received = 0;
  duplicates = 0;
  unknown = 0;
  ackErrors = 0;
  readonly ackErrorCodes: Record<string, number> = {};
  /** Visitor send → ack, ms (how long the sender waits for "stored"). */
  readonly ackLatency: number[] = [];
  lastSendAt = 0;

  markSent(g: number, t: number): void {
    this.sentFlag[g] = 1;
    if (g >= FIRST_MEASURED) this.sent++;
    this.lastSendAt = t;
  }

  ackOk(g: number, ms: number): void {
    if (g >= FIRST_MEASURED) this.ackLatency.push(ms);
  }

  markReceived(g: number, sentAt: number, now: number): void {
    if (!(g >= 0 && g < DRIVEN) || this.sentFlag[g] !== 1) {
      this.unknown++;
      return;
    }
    if (!Number.isNaN(this.latency[g]!)) {
      this.duplicates++;
      return;
    }
    this.latency[g] = now - sentAt;
    if (g >= FIRST_MEASURED) this.received++;
  }

  ackFailed(code: string): void {
    this.ackErrors++;
    this.ackErrorCodes[code] = (this.ackErrorCodes[code] ?? 0) + 1;
  }
}

function percentiles(values: ArrayLike<number>): { p50: number; p90: number; p99: number; max: number; mean: number } | null {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return null;
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!);
  let sum = 0;
  for (const v of sorted) sum += v;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[sorted.length - 1]!), mean: round(sum / sorted.length) };
}

function summarize(rec: Recorder, drive: DriveResult) {
  const inTime: number[] = [];
  let late = 0;
  for (let g = FIRST_MEASURED; g < DRIVEN; g++) {
    const l = rec.latency[g]!;
    if (Number.isNaN(l)) continue;
    if (l <= LOSS_MS) inTime.push(l);
    else late++;
  }
  const windowS = drive.windowMs / 1000;
  return {
    latencyMs: percentiles(inTime),
    sent: rec.sent,
    measured: inTime.length,
    lost: rec.sent - inTime.length,
    lostOfWhichLateOver5s: late,
    duplicates: rec.duplicates,
    unknownReceived: rec.unknown,
    ackErrors: rec.ackErrors,
    ...(rec.ackErrors > 0 ? { ackErrorCodes: rec.ackErrorCodes } : {}),
    ackLatencyMs: percentiles(rec.ackLatency),
    targetRatePerS: CHATS,
    sendRatePerS: round(rec.sent / windowS, 1),
    deliveredRatePerS: round(inTime.length / windowS, 1),
    // How late this process itself was in sending: large values mean the load generator,
    // not the server, was the bottleneck, and latencies are understated by that much.
    schedulerLagMs: { mean: round(drive.lagSum / Math.max(1, rec.sent)), max: round(drive.lagMax) },
    benchProcessCpuCores: round(drive.benchCpuS / windowS),
  };
}

// ------------------------------------------------------------------------ load driver

interface DriveResult {
  windowMs: number;
  lagSum: number;
  lagMax: number;
  benchCpuS: number;
}

/**
 * Calls `send(g)` for g = 0..DRIVEN-1 at CHATS per second: message g is chat g % CHATS's
 * (g / CHATS)-th, due at start + g × (1000 / CHATS) ms. A 1 ms timer loop catches up on
 * everything due, so a stalled loop shows up as scheduler lag, not as a lower rate.
 * Window, lag and CPU figures cover the measured part (g ≥ FIRST_MEASURED) only.
 */
function drive(send: (g: number) => void): Promise<DriveResult> {
  const interval = 1000 / CHATS;
  return new Promise((resolve) => {
    const start = performance.now() + 20;
    const measuredStart = start + FIRST_MEASURED * interval;
    let cpu0: NodeJS.CpuUsage | undefined = FIRST_MEASURED === 0 ? process.cpuUsage() : undefined;
    let g = 0;
    let lagSum = 0;
    let lagMax = 0;
    const tick = () => {
      for (;;) {
        if (g >= DRIVEN) break;
        const due = start + g * interval;
        const now = performance.now();
        if (due > now) break;
        if (g === FIRST_MEASURED) cpu0 ??= process.cpuUsage();
        if (g >= FIRST_MEASURED) {
          const lag = now - due;
          lagSum += lag;
          if (lag > lagMax) lagMax = lag;
        }
        send(g++);
      }
      if (g < DRIVEN) {
        setTimeout(tick, 1);
        return;
      }
      const cpu = process.cpuUsage(cpu0);
      resolve({ windowMs: performance.now() - measuredStart, lagSum, lagMax, benchCpuS: (cpu.user + cpu.system) / 1e6 });
    };
    setTimeout(tick, 20);
  });
}

/** Resolves at the start of the measured part of a `drive` begun now (for server CPU readings). */
const untilMeasured = () => sleep(20 + FIRST_MEASURED * (1000 / CHATS));

/** Waits until everything sent has arrived, or LOSS_MS after the last send. */
async function drain(rec: Recorder): Promise<void> {
  const deadline = rec.lastSendAt + LOSS_MS;
  while (rec.received + rec.duplicates < rec.sent && performance.now() < deadline) await sleep(20);
}

// ---------------------------------------------------------------------------- sockets

// No reconnection: a dropped socket must show up as lost messages, not be papered over.
const clientOptions: Partial<ManagerOptions & SocketOptions> = { transports: ['websocket'], forceNew: true, reconnection: false };

function connected(socket: Socket, ms = 15_000): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connection within ${ms} ms`)), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      // engine.io keeps the underlying cause (ECONNRESET, HTTP status…) in `description`.
      const cause = (err as Error & { description?: unknown }).description;
      const detail = cause instanceof Error ? cause.message : cause && typeof cause === 'object' && 'message' in cause ? String(cause.message) : '';
      reject(new Error(`connect failed: ${err.message}${detail ? ` (${detail})` : ''}`));
    });
  });
}

/** Connection attempts that failed and were retried in the current phase (reported, not hidden). */
let connectFailures: string[] = [];

/**
 * Opens a socket, retrying twice: a handshake refused under the connection storm of
 * setup is a setup hiccup, not a latency figure, but it is still reported.
 */
async function open<S extends Socket>(make: () => S, sockets: Socket[]): Promise<S> {
  for (let attempt = 1; ; attempt++) {
    const s = make();
    sockets.push(s);
    try {
      await connected(s);
      return s;
    } catch (err) {
      s.disconnect();
      if (connectFailures.length < 1_000) connectFailures.push(err instanceof Error ? err.message : String(err));
      if (attempt >= 3) throw err;
      await sleep(200 * attempt);
    }
  }
}

function connectFailureSummary(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of connectFailures) out[m] = (out[m] ?? 0) + 1;
  connectFailures = [];
  return out;
}

/** Runs fn(0..count-1) with at most `limit` in flight: 1000 handshakes at once only measure the accept queue. */
async function inBatches<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return out;
}

function closeAll(sockets: Socket[]): void {
  for (const s of sockets) s.disconnect();
}

/** Chat i belongs to operator floor(i / CAPACITY): operators are filled in order, like routing fills them. */
const chatsOf = (op: number) => Array.from({ length: Math.min(CAPACITY, CHATS - op * CAPACITY) }, (_, j) => op * CAPACITY + j);

// ----------------------------------------------------------- phase 1: bare relay

async function benchBare() {
  log(`bare relay: ${CHATS} chats, ${SECONDS} s`);
  const server = spawnNode('bare relay', join(BENCH_DIR, 'src', 'bare-relay.server.ts'), BENCH_DIR, {});
  let port = 0;
  await waitFor('bare relay listening', 20_000, () => {
    const m = /\{"port":(\d+)\}/.exec(server.output());
    if (m) port = Number(m[1]);
    return port > 0;
  }, server);
  const url = `http://127.0.0.1:${port}`;
  const rec = new Recorder();
  const sockets: Socket[] = [];

  try {
    // Operator side: the same topology as our server's phases, unless BENCH_BARE_PAIRED=1.
    const groups = BARE_PAIRED ? Array.from({ length: CHATS }, (_, i) => [i]) : Array.from({ length: OPERATORS }, (_, op) => chatsOf(op));
    await inBatches(groups.length, 50, async (k) => {
      const s = await open(() => {
        const sock: Socket<RelayServerEvents, RelayClientEvents> = connect(url, clientOptions);
        sock.on('msg', (p: RelayPayload) => rec.markReceived(p.g, p.t, performance.now()));
        return sock;
      }, sockets);
      await s.timeout(10_000).emitWithAck('join', groups[k]!.map((i) => `r${i}`));
    });
    const visitors = await inBatches(CHATS, 50, () => open((): Socket<RelayServerEvents, RelayClientEvents> => connect(url, clientOptions), sockets));
    await sleep(1_000); // let connection setup garbage settle before measuring

    const driving = drive((g) => {
      const i = g % CHATS;
      const t = performance.now();
      rec.markSent(g, t);
      visitors[i]!.emit('msg', { room: `r${i}`, g, t }, () => rec.ackOk(g, performance.now() - t));
    });
    await untilMeasured();
    const cpu0 = cpuSeconds(server.pid);
    const result = await driving;
    await drain(rec);
    const serverCpu = (cpuSeconds(server.pid) - cpu0) / (result.windowMs / 1000);
    return {
      ...summarize(rec, result),
      server: 'child process: node --import tsx bench/src/bare-relay.server.ts (socket.io, no store, no adapter)',
      operatorSockets: groups.length,
      connectFailuresRetried: connectFailureSummary(),
      loadAvg1mAtEnd: round(loadavg()[0] ?? 0),
      serverRssMb: await rssMb(server.pid),
      serverCpuCores: round(serverCpu),
    };
  } finally {
    closeAll(sockets);
    await server.stop();
  }
}

// --------------------------------------------------------- phases 2 and 3: our server

/**
 * The format of server/src/auth/password.ts (`scrypt$N$r$p$salt$hash`, base64url), copied
 * here because `hashPassword` is not part of the server's public entry and there is no
 * HTTP API to create operators yet. The server's `verifyPassword` reads N/r/p from the
 * string, so the login below goes through the real code path. One hash serves every
 * operator (same password), so seeding costs one scrypt.
 */
function scryptHash(password: string): Promise<string> {
  const N = 2 ** 15;
  const r = 8;
  const p = 1;
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')),
    ),
  );
}

async function startOurServer(name: string, redisUrl: string): Promise<{ proc: NodeProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnNode(name, SERVER_MAIN, SERVER_DIR, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    REDIS_URL: redisUrl,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    SESSION_SECRET, // shared by A and B, so a login on one is valid on the other
    OPERATOR_CAPACITY: String(CAPACITY),
    LOG_LEVEL: 'warn',
    ALLOWED_ORIGINS: '*',
    ...ONE_ADDRESS_LIMITS,
  });
  await waitFor(`${name} /readyz`, 30_000, () => fetch(`${url}/readyz`).then((r) => r.ok, () => false), proc);
  return { proc, url };
}

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.startsWith('lc_sid=')) throw new Error(`login ${email}: no lc_sid cookie`);
  return cookie;
}

/** Parses `INFO` output into numbers (only numeric fields). */
function parseInfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && /^[\d.]+$/.test(line.slice(i + 1))) out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

/** `cmdstat_xadd:calls=12,…` → { xadd: 12, … } */
function commandCalls(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;

async function benchOurs(mode: 'single' | 'cross') {
  log(`our server (${mode === 'single' ? 'one process' : 'two processes'} + Redis): ${CHATS} chats, ${SECONDS} s`);
  const redis: RedisServerHandle = await startRedisServer();
  cleanups.push({ name: 'redis-server', run: () => redis.stop() });
  // A monitor connection: seeds operators now, reads Redis's own counters later.
  const monitor = connectRedisStores(redis.url);
  cleanups.push({ name: 'redis monitor connection', run: () => monitor.close() });

  const passwordHash = await scryptHash(OPERATOR_PASSWORD);
  const emails: string[] = [];
  for (let op = 0; op < OPERATORS; op++) {
    const email = `bench-op-${op}@introserv.test`;
    emails.push(email);
    await monitor.operators.save({ id: `op_bench${op}`, email, name: `Bench ${op}`, role: 'operator', capacity: CAPACITY, disabled: false, passwordHash });
  }

  const a = await startOurServer(mode === 'single' ? 'server' : 'server A', redis.url);
  const b = mode === 'cross' ? await startOurServer('server B', redis.url) : a;
  const rec = new Recorder();
  const sockets: Socket[] = [];
  const assigned = new Set<string>();
  let warmupReceived = 0;
  const operatorEvents = { 'message:created': 0, 'conversation:updated': 0, 'conversation:assigned': 0 };

  try {
    // Operators on B (= A in single mode), one socket each, online before any visitor writes.
    const cookies = await inBatches(OPERATORS, 4, (op) => login(b.url, emails[op]!, OPERATOR_PASSWORD));
    await inBatches(OPERATORS, 20, async (op) => {
      const s = await open((): OperatorSocket => connect(`${b.url}${NAMESPACES.operator}`, { ...clientOptions, extraHeaders: { cookie: cookies[op]! } }), sockets);
      s.on('message:created', (m: Message) => {
        operatorEvents['message:created']++;
        if (m.id.startsWith('m')) rec.markReceived(Number(m.id.slice(1)), Number(m.text.slice(6)), performance.now());
        else warmupReceived++;
      });
      s.on('conversation:updated', () => operatorEvents['conversation:updated']++);
      s.on('conversation:assigned', (f) => {
        operatorEvents['conversation:assigned']++;
        assigned.add(f.conversationId);
      });
    });
    // goOnline (store.operatorConnected) runs after the handshake and sends nothing to the
    // client: give it a moment. A conversation opened before it is queued and assigned by
    // the drain in operatorConnected anyway; the wait below covers both.
    await sleep(500);

    // Visitors on A: hello, then one warm-up message each, which opens and routes the chat.
    const warmStart = performance.now();
    const conversationIds = new Array<string>(CHATS);
    const visitors = await inBatches(CHATS, 50, async (i) => {
      const s = await open((): VisitorSocket => connect(`${a.url}${NAMESPACES.visitor}`, clientOptions), sockets);
      const hello = await s.timeout(15_000).emitWithAck('hello', {
        siteId: 'introserv',
        visitorToken: null,
        language: 'en',
        page: { url: 'https://introserv.com/dedicated', title: 'Dedicated servers' },
        timeZone: 'Europe/Berlin',
      });
      if (!hello.ok) throw new Error(`hello failed: ${hello.error.code}`);
      const first = await s.timeout(15_000).emitWithAck('message:send', { id: `w${String(i).padStart(8, '0')}`, text: 'warm-up' });
      if (!first.ok) throw new Error(`warm-up message failed: ${first.error.code}`);
      conversationIds[i] = first.message.conversationId;
      return s;
    });
    await waitFor(`all ${CHATS} conversations assigned`, 60_000, () => conversationIds.every((id) => assigned.has(id)));
    const warmupS = (performance.now() - warmStart) / 1000;
    await sleep(1_000); // let warm-up work and garbage settle before measuring

    const procs = mode === 'single' ? [a.proc] : [a.proc, b.proc];
    const redisPid = parseInfo(await monitor.redis.info('server')).get('process_id') ?? 0;

    const driving = drive((g) => {
      const i = g % CHATS;
      const t = performance.now();
      rec.markSent(g, t);
      // The send time is in the text ("bench <t>"); the id carries the sequence number.
      visitors[i]!.emit('message:send', { id: `m${String(g).padStart(8, '0')}`, text: `bench ${t}` }, (ack) => {
        if (ack.ok) rec.ackOk(g, performance.now() - t);
        else rec.ackFailed(ack.error.code);
      });
    });
    await untilMeasured();
    const cpu0 = procs.map((p) => cpuSeconds(p.pid));
    const redisCpu0 = cpuSeconds(redisPid);
    const cmds0 = commandCalls(await monitor.redis.info('commandstats'));
    const events0 = { ...operatorEvents };
    const result = await driving;
    await drain(rec);

    const windowS = result.windowMs / 1000;
    const cmds1 = commandCalls(await monitor.redis.info('commandstats'));
    const perMessage: Record<string, number> = {};
    let totalCmds = 0;
    for (const [cmd, calls] of Object.entries(cmds1)) {
      const d = calls - (cmds0[cmd] ?? 0) - (cmd === 'info' ? 1 : 0);
      if (d <= 0) continue;
      totalCmds += d;
      perMessage[cmd] = round(d / Math.max(1, rec.sent));
    }
    const sent = Math.max(1, rec.sent);
    const names = mode === 'single' ? ['server'] : ['A (visitors)', 'B (operators)'];
    return {
      ...summarize(rec, result),
      server:
        mode === 'single'
          ? `child process: node ${SERVER_MAIN.endsWith('.js') ? 'server/dist/main.js (compiled)' : '--import tsx server/src/main.ts'}, Redis store + streams adapter`
          : `two child processes: node ${SERVER_MAIN.endsWith('.js') ? 'server/dist/main.js (compiled)' : '--import tsx server/src/main.ts'}, one Redis: visitors on A, operators on B`,
      operators: OPERATORS,
      operatorCapacity: CAPACITY,
      warmupS: round(warmupS, 1),
      warmupMessagesSeenByOperators: warmupReceived,
      connectFailuresRetried: connectFailureSummary(),
      loadAvg1mAtEnd: round(loadavg()[0] ?? 0),
      serverRssMb: Object.fromEntries(await Promise.all(procs.map(async (p, k) => [names[k]!, await rssMb(p.pid)] as const))),
      serverCpuCores: Object.fromEntries(procs.map((p, k) => [names[k]!, round((cpuSeconds(p.pid) - cpu0[k]!) / windowS)])),
      // INFO commandstats counts the commands run inside Lua scripts too, so `evalsha` is
      // a round trip and its HGET/HSET/XADD… are its insides; the bare XADDs beyond the one
      // in the append script are the adapter's broadcasts.
      redis: {
        cpuCores: round((cpuSeconds(redisPid) - redisCpu0) / windowS),
        commandsPerMessageInclScripted: round(totalCmds / sent),
        commandsPerMessageByName: Object.fromEntries(Object.entries(perMessage).sort((x, y) => y[1] - x[1])),
      },
      // Fan-out the operator sockets received per visitor message in the window.
      operatorEventsPerMessage: {
        'message:created': round((operatorEvents['message:created'] - events0['message:created']) / sent),
        'conversation:updated': round((operatorEvents['conversation:updated'] - events0['conversation:updated']) / sent),
      },
    };
  } catch (err) {
    // The server's own words are the likeliest explanation of a failure here.
    for (const p of b === a ? [a.proc] : [a.proc, b.proc]) log(`server pid ${p.pid} exit output tail:\n${p.output().slice(-4_000)}`);
    throw err;
  } finally {
    closeAll(sockets);
    if (b !== a) await b.proc.stop();
    await a.proc.stop();
    await monitor.close().catch(() => {});
    await redis.stop();
  }
}

// -------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const t0 = performance.now();
  const machine = machineInfo();

  const bare = PHASES.has('bare') ? await benchBare() : null;
  const single = PHASES.has('single') ? await benchOurs('single') : null;
  const cross = PHASES.has('cross') ? await benchOurs('cross') : null;

  const ratio = (x: number | null | undefined, y: number | null | undefined) => (x !== undefined && x !== null && y !== undefined && y !== null && y > 0 ? round(x / y) : null);
  const oursOverBare = ratio(single?.latencyMs?.p99, bare?.latencyMs?.p99);
  const crossOverSingle = ratio(cross?.latencyMs?.p99, single?.latencyMs?.p99);
  // Server CPU per delivered message (µs), all server processes of a phase together.
  const cpuPerMessageUs = (phase: { serverCpuCores: number | Record<string, number>; deliveredRatePerS: number } | null) => {
    if (!phase || phase.deliveredRatePerS <= 0) return null;
    const cores = typeof phase.serverCpuCores === 'number' ? phase.serverCpuCores : Object.values(phase.serverCpuCores).reduce((a, b) => a + b, 0);
    return round((cores / phase.deliveredRatePerS) * 1e6);
  };
  const cpuOverBare = ratio(cpuPerMessageUs(single), cpuPerMessageUs(bare));

  const report = {
    bench: 'latency',
    machine,
    settings: {
      chats: CHATS,
      secondsPerPhase: SECONDS,
      warmupSecondsPerPhase: WARMUP_SECONDS,
      messagesPerPhase: TOTAL,
      targetRatePerS: CHATS,
      operators: OPERATORS,
      bareTopology: BARE_PAIRED ? 'one operator socket per chat' : `${OPERATORS} operator sockets x ${CAPACITY} chats (as ours)`,
      lossTimeoutMs: LOSS_MS,
      clients: 'all in this process, socket.io-client, transports: [websocket], loopback',
    },
    bare,
    single,
    cross,
    serverCpuPerMessageUs: { bare: cpuPerMessageUs(bare), single: cpuPerMessageUs(single), cross: cpuPerMessageUs(cross) },
    budgets: {
      ours_p99_over_bare_p99: { value: oursOverBare, budget: BUDGET_RATIO, ok: oursOverBare !== null && oursOverBare <= BUDGET_RATIO },
      ours_cpu_per_message_over_bare: { value: cpuOverBare, budget: BUDGET_RATIO, ok: cpuOverBare !== null && cpuOverBare <= BUDGET_RATIO },
      cross_p99_over_single_p99: { value: crossOverSingle, budget: CROSS_BUDGET_RATIO, ok: crossOverSingle !== null && crossOverSingle <= CROSS_BUDGET_RATIO },
    },
    durationS: round((performance.now() - t0) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main()
  .catch((err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanupAll();
    // Client sockets and timers must not keep a finished bench alive.
    process.exit();
  });
