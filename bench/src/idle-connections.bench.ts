/**
 * Idle visitor connections held by one server process, against the DESIGN.md budget:
 * "idle visitor connections held by one process ≥ 15,000, at ≤ 30 KB of memory each".
 *
 * Run: `pnpm --filter @introserv/bench bench:idle` (env BENCH_CONNECTIONS, default 15000).
 * Prints ONE JSON object on stdout; progress goes to stderr.
 *
 * How it measures:
 *   - our server (server/src/main.ts, Redis store + streams adapter, against a throwaway
 *     redis-server) runs in its own child process, unmodified: its memory is read from
 *     outside as RSS (`ps -o rss=`), so the figure includes heap, buffers of the TCP/WebSocket
 *     layer and everything else a connection costs, which is what the budget is about;
 *   - the clients are real socket.io-client visitors on `/visitor`, `transports: ['websocket']`,
 *     each sending `hello` and awaiting the ack, then idle. They live in BENCH_WORKERS
 *     (default 3) worker child processes (idle-clients.worker.ts), because one process
 *     holding 15,000 clients would itself be the bottleneck of the connection storm and
 *     would need 15,000 fds of its own next to the server's;
 *   - connections are opened in batches of BENCH_BATCH (default 500) across the workers,
 *     the next batch only when the previous one has settled, so the server's accept queue
 *     is never flooded; the time to open all of them is reported;
 *   - RSS is read before any connection, right after the last one, and after
 *     BENCH_SETTLE_SECONDS (default 10) of idling; per connection = (settled − before) / N.
 *     Server CPU is read over the settle window and over a further BENCH_IDLE_CPU_SECONDS
 *     (default 20 = the server's pingInterval, so every socket is pinged once in it).
 * Preflight: the server's fd limit must hold N sockets plus headroom, and the ephemeral port
 * range must hold N client ports (all connections go 127.0.0.1 → one port), else it stops
 * with a clear error. Loopback only; bounded in time (connect phase ≤ BENCH_CONNECT_SECONDS,
 * default 150; the whole run is killed at 280 s). All children and the redis-server are
 * stopped at the end, on error and on SIGINT/SIGTERM too.
 */
import { machineInfo } from './machine.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort, startRedisServer } from '@introserv/server/testing';
import type { WorkerCounts, WorkerReply, WorkerRequest } from './idle-clients.worker.js';
import {
  cleanupAll,
  cleanups,
  cpuSeconds,
  fdLimit,
  installCleanupHandlers,
  intEnv,
  ONE_ADDRESS_LIMITS,
  openFds,
  round,
  rssKb,
  serverMain,
  sleep,
  spawnNode,
  waitFor,
  type NodeProcess,
} from './processes.js';

// ---------------------------------------------------------------------------- settings

const BUDGET_CONNECTIONS = 15_000;
const BUDGET_KB_PER_CONNECTION = 30;

const CONNECTIONS = intEnv('BENCH_CONNECTIONS', BUDGET_CONNECTIONS, 1, 60_000);
const WORKERS = Math.min(intEnv('BENCH_WORKERS', 3, 1, 8), CONNECTIONS);
const BATCH = intEnv('BENCH_BATCH', 500, 1, 5_000);
const SETTLE_S = intEnv('BENCH_SETTLE_SECONDS', 10, 0, 60);
/** 20 s is the server's pingInterval (server/src/app.ts): a window that pings every socket once. */
const IDLE_CPU_S = intEnv('BENCH_IDLE_CPU_SECONDS', 20, 0, 60);
const CONNECT_S = intEnv('BENCH_CONNECT_SECONDS', 150, 10, 200);
/** Whatever happens, the run ends by then (children stopped, exit code 1). */
const HARD_LIMIT_MS = 280_000;
/** fds the server needs besides visitor sockets: stdio, listen socket, Redis connections, epoll, libuv… */
const FD_HEADROOM = 200;

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const WORKER_SCRIPT = join(BENCH_DIR, 'src', 'idle-clients.worker.ts');
// The server's package directory, found through its public entry rather than a relative path.
const SERVER_DIR = dirname(dirname(fileURLToPath(import.meta.resolve('@introserv/server'))));
const SERVER_MAIN = serverMain(SERVER_DIR);

const log = (msg: string) => process.stderr.write(`[idle] ${msg}\n`);
installCleanupHandlers(log);

// ------------------------------------------------------------------------- preflight

/** Linux's ephemeral port range: every client connection to 127.0.0.1:PORT needs one. */
function ephemeralPorts(): { range: string; count: number } | null {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo === undefined || hi === undefined) return null;
    return { range: `${lo}-${hi}`, count: hi - lo + 1 };
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------- server

async function startServer(redisUrl: string): Promise<{ proc: NodeProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnNode('server', SERVER_MAIN, SERVER_DIR, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    REDIS_URL: redisUrl,
    ADMIN_EMAIL: 'bench-admin@introserv.test',
    ADMIN_PASSWORD: 'bench-admin-password',
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    ALLOWED_ORIGINS: '*',
    ...ONE_ADDRESS_LIMITS,
  });
  await waitFor('server /readyz', 30_000, () => fetch(`${url}/readyz`).then((r) => r.ok, () => false), proc);
  return { proc, url };
}

// ------------------------------------------------------------------------- workers

interface Worker {
  proc: NodeProcess;
  /** Sends one request and resolves with the worker's next reply of `type` (one request in flight at a time). */
  request<T extends WorkerReply['type']>(msg: WorkerRequest | null, type: T, timeoutMs: number): Promise<Extract<WorkerReply, { type: T }>>;
}

function startWorker(k: number, url: string): Worker {
  const proc = spawnNode(`client worker ${k}`, WORKER_SCRIPT, BENCH_DIR, { BENCH_URL: url }, { ipc: true });
  const replies: WorkerReply[] = [];
  let wake: (() => void) | undefined;
  proc.child.on('message', (m: WorkerReply) => {
    replies.push(m);
    wake?.();
  });
  const request = async <T extends WorkerReply['type']>(msg: WorkerRequest | null, type: T, timeoutMs: number) => {
    if (msg) proc.child.send(msg);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const i = replies.findIndex((r) => r.type === type);
      if (i >= 0) return replies.splice(i, 1)[0] as Extract<WorkerReply, { type: T }>;
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`client worker ${k} exited\n--- output:\n${proc.output()}`);
      if (performance.now() > deadline) throw new Error(`client worker ${k}: no "${type}" within ${timeoutMs} ms\n--- output:\n${proc.output()}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 100);
      });
    }
  };
  return { proc, request };
}

function sumCounts(all: WorkerCounts[]) {
  const failures: Record<string, number> = {};
  const disconnects: Record<string, number> = {};
  let connected = 0;
  let givenUp = 0;
  for (const c of all) {
    connected += c.connected;
    givenUp += c.givenUp;
    for (const [k, v] of Object.entries(c.failures)) failures[k] = (failures[k] ?? 0) + v;
    for (const [k, v] of Object.entries(c.disconnects)) disconnects[k] = (disconnects[k] ?? 0) + v;
  }
  const failedAttempts = Object.values(failures).reduce((a, b) => a + b, 0);
  return { connected, givenUp, failedAttempts, failures, disconnects, workerRssMb: all.map((c) => round(c.rssKb / 1024, 1)) };
}

// -------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const t0 = performance.now();
  const machine = machineInfo();

  // Children inherit this process's limit (`ulimit -n`); the server's own is re-read below.
  const benchFdLimit = fdLimit(process.pid);
  const ports = ephemeralPorts();
  if (ports && ports.count < CONNECTIONS + FD_HEADROOM) {
    throw new Error(`ephemeral port range ${ports.range} has ${ports.count} ports, fewer than ${CONNECTIONS} connections need`);
  }

  const redis = await startRedisServer();
  cleanups.push({ name: 'redis-server', run: () => redis.stop() });
  const server = await startServer(redis.url);
  const pid = server.proc.pid;
  const serverFdLimit = fdLimit(pid);
  if (serverFdLimit !== null && serverFdLimit < CONNECTIONS + FD_HEADROOM) {
    throw new Error(`the server's fd limit is ${serverFdLimit}: ${CONNECTIONS} connections + ${FD_HEADROOM} headroom do not fit (raise ulimit -n or lower BENCH_CONNECTIONS)`);
  }

  // Let boot-time allocation and GC settle so "before" is the idle server, not its start-up.
  await sleep(2_000);
  const before = { rssKb: await rssKb(pid), fds: openFds(pid) };
  log(`server pid ${pid} up, RSS ${before.rssKb} KB, fd limit ${serverFdLimit}; ${CONNECTIONS} visitors over ${WORKERS} workers, batches of ${BATCH}`);

  const workers = Array.from({ length: WORKERS }, (_, k) => startWorker(k, server.url));
  await Promise.all(workers.map((w) => w.request(null, 'ready', 30_000)));

  // ---- connect, batch by batch
  const connectStart = performance.now();
  const connectDeadline = connectStart + CONNECT_S * 1000;
  const cpuConnect0 = cpuSeconds(pid);
  let requested = 0;
  let latest: WorkerCounts[] = [];
  let timedOut = false;
  let peakBatchMs = 0;
  while (requested < CONNECTIONS) {
    if (performance.now() > connectDeadline) {
      timedOut = true;
      log(`connect phase deadline (${CONNECT_S} s) reached after ${requested} attempts; measuring what is open`);
      break;
    }
    const batch = Math.min(BATCH, CONNECTIONS - requested);
    // Split evenly; the first workers take the remainder.
    const shares = workers.map((_, k) => Math.floor(batch / WORKERS) + (k < batch % WORKERS ? 1 : 0));
    const b0 = performance.now();
    // A batch may take up to 3 attempts × (20 s handshake + 20 s hello) in the worst case.
    latest = await Promise.all(workers.map((w, k) => (shares[k]! > 0 ? w.request({ type: 'open', count: shares[k]! }, 'opened', 130_000) : w.request({ type: 'status' }, 'status', 10_000))));
    peakBatchMs = Math.max(peakBatchMs, performance.now() - b0);
    requested += batch;
    if ((requested / BATCH) % 5 === 0 || requested === CONNECTIONS) {
      const s = sumCounts(latest);
      log(`${s.connected}/${requested} connected (${round((performance.now() - connectStart) / 1000, 1)} s, ${s.failedAttempts} failed attempts), server RSS ${await rssKb(pid)} KB`);
    }
  }
  const connectS = (performance.now() - connectStart) / 1000;
  const connectCpuCores = (cpuSeconds(pid) - cpuConnect0) / connectS;
  const established = sumCounts(latest).connected;
  const afterConnect = { rssKb: await rssKb(pid), fds: openFds(pid) };

  // ---- idle: settle window, then one full ping interval
  log(`all batches done in ${round(connectS, 1)} s (${established} established); idling ${SETTLE_S} s + ${IDLE_CPU_S} s`);
  const cpuSettle0 = cpuSeconds(pid);
  const settleStart = performance.now();
  await sleep(SETTLE_S * 1000);
  const settleCpuCores = (cpuSeconds(pid) - cpuSettle0) / ((performance.now() - settleStart) / 1000);
  const afterSettle = { rssKb: await rssKb(pid), fds: openFds(pid) };
  const cpuIdle0 = cpuSeconds(pid);
  const idleStart = performance.now();
  await sleep(IDLE_CPU_S * 1000);
  const idleCpuCores = IDLE_CPU_S > 0 ? (cpuSeconds(pid) - cpuIdle0) / ((performance.now() - idleStart) / 1000) : null;
  const afterIdle = { rssKb: await rssKb(pid), fds: openFds(pid) };
  const final = sumCounts(await Promise.all(workers.map((w) => w.request({ type: 'status' }, 'status', 10_000))));

  // ---- tear down clients first: a server closing 15,000 sockets itself may need its SIGKILL
  await Promise.all(workers.map((w) => w.request({ type: 'close' }, 'closed', 10_000).catch(() => undefined)));
  await Promise.all(workers.map((w) => w.proc.stop()));

  const kbPer = (after: number | null) => (after !== null && before.rssKb !== null && established > 0 ? round((after - before.rssKb) / established, 2) : null);
  const perConnSettled = kbPer(afterSettle.rssKb);
  const mb = (kb: number | null) => (kb === null ? null : round(kb / 1024, 1));

  const report = {
    bench: 'idle-connections',
    machine,
    settings: {
      connections: CONNECTIONS,
      workers: WORKERS,
      batch: BATCH,
      settleSeconds: SETTLE_S,
      idleCpuSeconds: IDLE_CPU_S,
      server: `child process: node ${SERVER_MAIN.endsWith('.js') ? 'server/dist/main.js (compiled)' : '--import tsx server/src/main.ts'}, Redis store + streams adapter, pingInterval 20 s`,
      clients: `socket.io-client on /visitor, transports: [websocket], hello + ack then idle, in ${WORKERS} worker processes, loopback`,
    },
    limits: {
      benchFdLimit: benchFdLimit,
      serverFdLimit: serverFdLimit,
      ephemeralPortRange: ports?.range ?? null,
      ephemeralPorts: ports?.count ?? null,
    },
    connect: {
      requested,
      established,
      failedAttempts: final.failedAttempts,
      gaveUpAfter3Attempts: final.givenUp,
      failures: final.failures,
      seconds: round(connectS, 1),
      perSecond: round(established / connectS, 0),
      slowestBatchMs: Math.round(peakBatchMs),
      deadlineReached: timedOut,
      serverCpuCores: round(connectCpuCores),
    },
    idle: {
      stillConnectedAtEnd: final.connected,
      disconnectsWhileIdle: final.disconnects,
      serverCpuCoresSettleWindow: round(settleCpuCores, 3),
      serverCpuCoresFullPingInterval: idleCpuCores === null ? null : round(idleCpuCores, 3),
    },
    serverRssMb: { before: mb(before.rssKb), afterConnect: mb(afterConnect.rssKb), afterSettle: mb(afterSettle.rssKb), afterIdleCpuWindow: mb(afterIdle.rssKb) },
    serverOpenFds: { before: before.fds, afterConnect: afterConnect.fds, afterSettle: afterSettle.fds },
    rssKbPerConnection: { afterConnect: kbPer(afterConnect.rssKb), afterSettle: perConnSettled, afterIdleCpuWindow: kbPer(afterIdle.rssKb) },
    heap: 'not measured: the server is not modified to expose it; RSS (which includes the heap) is the budgeted figure',
    clientWorkerRssMb: final.workerRssMb,
    loadAvg1mAtEnd: round(loadavg()[0] ?? 0),
    budget: {
      connections: { value: established, budget: `>= ${BUDGET_CONNECTIONS}`, ok: established >= BUDGET_CONNECTIONS },
      kbPerConnection: { value: perConnSettled, budget: `<= ${BUDGET_KB_PER_CONNECTION}`, ok: perConnSettled !== null && perConnSettled <= BUDGET_KB_PER_CONNECTION },
      ok: established >= BUDGET_CONNECTIONS && perConnSettled !== null && perConnSettled <= BUDGET_KB_PER_CONNECTION && final.connected === established,
    },
    durationS: round((performance.now() - t0) / 1000, 1),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

// The whole run is bounded: stop everything and fail rather than hang.
const hardLimit = setTimeout(() => {
  log(`hard time limit (${HARD_LIMIT_MS / 1000} s) reached: stopping everything`);
  void cleanupAll().finally(() => process.exit(1));
}, HARD_LIMIT_MS);

main()
  .catch((err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    clearTimeout(hardLimit);
    await cleanupAll();
    process.exit();
  });
