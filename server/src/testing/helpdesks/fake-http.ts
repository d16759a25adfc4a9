import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * What the next request meets, before the help desk itself sees it: an error status (the
 * request is not processed), or a slow answer (processed at once, answered after `ms`: the
 * caller may time out although the ticket exists).
 */
export type Fault = { kind: 'status'; status: number; body?: string; headers?: Record<string, string> } | { kind: 'slow'; ms: number };

export interface FakeHttp {
  url: string;
  requests: Recorded[];
  /** Faults for the next requests, in order. */
  faults: Fault[];
  /** Stops listening (connections are refused), as a help desk that is down. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A local HTTP server that answers with `handle`; the help desk fakes are built on it. */
export async function startFakeHttp(handle: (req: Recorded) => Reply | Promise<Reply>): Promise<FakeHttp> {
  const requests: Recorded[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let server: Server | undefined;
  let port = 0;

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: Recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      const fault = faults.shift();
      const send = (reply: Reply) => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
        res.end(reply.body);
      };
      if (fault?.kind === 'status') {
        send({ status: fault.status, body: fault.body ?? '', headers: fault.headers });
        return;
      }
      void Promise.resolve(handle(recorded)).then((reply) => {
        if (fault?.kind !== 'slow') {
          send(reply);
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(reply);
        }, fault.ms);
        timers.add(timer);
      });
    });
  };

  const listen = () =>
    new Promise<void>((resolve) => {
      // Already up: nothing to do (a second server on the port would never start).
      if (server?.listening) {
        resolve();
        return;
      }
      const fresh = createServer(listener);
      server = fresh;
      fresh.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      fresh.listen(port, '127.0.0.1', () => {
        port = (fresh.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      if (!server) {
        resolve();
        return;
      }
      server.close(() => resolve());
    });

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    down: stop,
    up: listen,
    close: stop,
  };
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body: JSON.stringify(body), headers });
export const text = (status: number, body: string): Reply => ({ status, body, headers: { 'content-type': 'text/plain; charset=utf-8' } });
