/**
 * Load-generator worker for idle-connections.bench.ts: holds a share of the idle visitor
 * sockets, so that no single client process has to hold all 15,000 socket.io-client
 * instances (their handshakes, heartbeats and ~15,000 fds) and become the bottleneck.
 *
 * Started by the bench as `node --import tsx idle-clients.worker.ts` with an IPC channel and
 * env BENCH_URL (the server's base URL). Driven by messages, so the bench decides the
 * batches across all workers:
 *   → { type: 'open', count }   open `count` more visitors concurrently: connect, `hello`,
 *                               await the ack; reply { type: 'opened', … } when all settled;
 *   → { type: 'status' }        reply { type: 'status', … } (sockets still up, disconnects);
 *   → { type: 'close' }         disconnect every socket, reply { type: 'closed' }, exit.
 * Exits by itself when the IPC channel goes away (the bench died), so it never outlives it.
 */
import { NAMESPACES, type VisitorClientEvents, type VisitorServerEvents } from '@introserv/shared';
import { io as connect, type Socket } from 'socket.io-client';

export type WorkerRequest = { type: 'open'; count: number } | { type: 'status' } | { type: 'close' };

export interface WorkerCounts {
  /** Sockets connected and past `hello`, and still connected now. */
  connected: number;
  /** Established sockets that later disconnected on their own, by reason. */
  disconnects: Record<string, number>;
  /** Attempts that failed (connect error, hello error or timeout), by message; each was retried up to twice. */
  failures: Record<string, number>;
  /** Visitors given up on after three attempts. */
  givenUp: number;
  rssKb: number;
}

export type WorkerReply = { type: 'ready' } | ({ type: 'opened' | 'status' } & WorkerCounts) | { type: 'closed' };

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

const url = process.env.BENCH_URL;
if (!url || !process.send) throw new Error('idle-clients.worker: needs BENCH_URL and an IPC channel');
const send = (m: WorkerReply) => process.send!(m);

const HANDSHAKE_MS = 20_000;
const sockets = new Set<VisitorSocket>();
const disconnects: Record<string, number> = {};
const failures: Record<string, number> = {};
let givenUp = 0;
let closing = false;

const bump = (rec: Record<string, number>, key: string) => (rec[key] = (rec[key] ?? 0) + 1);

/** One attempt: connect, hello, ack. Rejects with a short, countable reason. */
function attempt(): Promise<VisitorSocket> {
  // forceNew: a Manager (and TCP connection) per visitor, like separate browsers.
  // No reconnection: a dropped idle socket must show up as a disconnect, not be papered over.
  const s: VisitorSocket = connect(`${url}${NAMESPACES.visitor}`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: HANDSHAKE_MS });
  return new Promise<VisitorSocket>((resolve, reject) => {
    const fail = (why: string) => {
      s.disconnect();
      reject(new Error(why));
    };
    s.once('connect_error', (err) => {
      // engine.io keeps the underlying cause (ECONNRESET, HTTP status…) in `description`.
      const cause = (err as Error & { description?: unknown }).description;
      const detail = cause instanceof Error ? cause.message : cause && typeof cause === 'object' && 'message' in cause ? String(cause.message) : '';
      fail(`connect: ${err.message}${detail ? ` (${detail})` : ''}`);
    });
    s.once('connect', () => {
      s.timeout(HANDSHAKE_MS)
        .emitWithAck('hello', {
          siteId: 'introserv',
          visitorToken: null,
          language: 'en',
          page: { url: 'https://introserv.com/dedicated', title: 'Dedicated servers' },
          timeZone: 'Europe/Berlin',
        })
        .then(
          (ack) => (ack.ok ? resolve(s) : fail(`hello: ${ack.error.code}`)),
          (err: unknown) => fail(`hello: ${err instanceof Error ? err.message : String(err)}`),
        );
    });
  });
}

async function openOne(): Promise<void> {
  for (let n = 1; n <= 3; n++) {
    try {
      const s = await attempt();
      sockets.add(s);
      s.once('disconnect', (reason) => {
        sockets.delete(s);
        if (!closing) bump(disconnects, reason);
      });
      return;
    } catch (err) {
      bump(failures, err instanceof Error ? err.message : String(err));
      if (n < 3) await new Promise((r) => setTimeout(r, 200 * n));
    }
  }
  givenUp++;
}

const counts = (): WorkerCounts => ({ connected: sockets.size, disconnects, failures, givenUp, rssKb: Math.round(process.memoryUsage().rss / 1024) });

process.on('message', (m: WorkerRequest) => {
  switch (m.type) {
    case 'open':
      void Promise.all(Array.from({ length: m.count }, openOne)).then(() => send({ type: 'opened', ...counts() }));
      break;
    case 'status':
      send({ type: 'status', ...counts() });
      break;
    case 'close':
      closing = true;
      for (const s of sockets) s.disconnect();
      send({ type: 'closed' });
      // Let the close frames go out, then leave even if a socket lingers.
      setTimeout(() => process.exit(0), 500).unref();
      process.disconnect();
      break;
  }
});
// The bench is gone (crash, SIGKILL): don't outlive it.
process.on('disconnect', () => {
  closing = true;
  setTimeout(() => process.exit(0), 1_000).unref();
  for (const s of sockets) s.disconnect();
});
process.on('SIGTERM', () => process.exit(0));
send({ type: 'ready' });
