import { randomUUID } from 'node:crypto';
import type { OperatorClientEvents, OperatorServerEvents, SessionInfo, VisitorClientEvents, VisitorServerEvents } from '@introserv/shared';
import type { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { createApplication, type Application } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import type { OperatorRecord } from '../operators/operator.store.js';
import type { Stores } from '../stores.js';
import type { DiskSpaceProbe } from '../attachments/disk-space.js';
import { MemoryFileStore } from '../attachments/memory-file.store.js';
import type { Mailer } from '../transcripts/mailer.js';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;

export interface TestApp {
  app: Application;
  url: string;
  stores: Stores;
  config: Config;
  /** Creates an operator and returns a logged-in cookie and CSRF token for it. */
  operator(opts?: Partial<Pick<OperatorRecord, 'capacity' | 'name' | 'role' | 'departments' | 'languages' | 'autoAssign'>>): Promise<TestOperator>;
  /** A visitor socket; `headers` e.g. `x-forwarded-for` to come from an address of the test's choosing (with TRUST_PROXY). */
  visitor(headers?: Record<string, string>): VisitorSocket;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Collects the server's log lines (JSON) here, at `info` unless LOG_LEVEL says otherwise. */
  logs?: string[];
  /** A Redis connection for the Socket.IO streams adapter (several apps on one Redis act as processes). */
  adapterRedis?: Redis;
  /** Where transcripts are e-mailed (tests pass one speaking to a local SMTP server). */
  mailer?: Mailer;
  /** What UPLOAD_DIR's free space is said to be (files are kept in memory, so nothing is watched otherwise). */
  diskSpace?: DiskSpaceProbe;
}

export interface TestOperator {
  id: string;
  record: OperatorRecord;
  /** Resolves once routing counts this operator as online (the server's side of connecting). */
  online(): Promise<void>;
  email: string;
  password: string;
  cookie: string;
  csrfToken: string;
  socket(): OperatorSocket;
}

/**
 * Boots the real application on a free port with the given stores; tests talk to it over the
 * network. `tune` changes what the environment cannot (rate limits), so no test waits one out.
 */
export async function startTestApp(
  stores: Stores,
  env: Record<string, string> = {},
  tune: (config: Config) => Config = (c) => c,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const config = tune(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: options.logs ? 'info' : 'silent', OPERATOR_GRACE_MS: '200', ...env }));
  const logs = options.logs;
  const destination = logs ? { write: (line: string) => void logs.push(line) } : undefined;
  // Files in memory: tests leave nothing on disk.
  const app = createApplication({
    config,
    stores,
    log: createLogger(config.logLevel, destination),
    files: new MemoryFileStore(),
    ...(options.adapterRedis ? { adapterRedis: options.adapterRedis } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.diskSpace ? { diskSpace: options.diskSpace } : {}),
  });
  const url = await app.listen();
  const sockets: Socket[] = [];
  const track = <S extends Socket>(s: S): S => {
    sockets.push(s);
    return s;
  };
  return {
    app,
    url,
    stores,
    config,
    visitor: (headers) => track(connect(`${url}/visitor`, { transports: ['websocket'], forceNew: true, ...(headers ? { extraHeaders: headers } : {}) }) as VisitorSocket),
    async operator(opts = {}) {
      const id = `op_${randomUUID().slice(0, 8)}`;
      const email = `${id}@introserv.test`;
      const password = 'operator-password';
      const record: OperatorRecord = {
        id,
        email,
        name: opts.name ?? `Operator ${id}`,
        role: opts.role ?? 'operator',
        capacity: opts.capacity === undefined ? 3 : opts.capacity,
        disabled: false,
        passwordHash: await hashPassword(password),
        departments: opts.departments ?? [],
        languages: opts.languages ?? [],
        autoAssign: opts.autoAssign ?? true,
      };
      await stores.operators.save(record);
      const { cookie, csrfToken } = await login(url, email, password);
      return {
        id,
        record,
        online: async () => {
          const deadline = Date.now() + 5_000;
          while (!(await stores.presence.isAvailable(id))) {
            if (Date.now() > deadline) throw new Error(`operator ${id} never came online`);
            await new Promise((r) => setTimeout(r, 10));
          }
        },
        email,
        password,
        cookie,
        csrfToken,
        socket: () => track(connect(`${url}/operator`, { transports: ['websocket'], forceNew: true, extraHeaders: { cookie } }) as OperatorSocket),
      };
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
    },
  };
}

export async function login(url: string, email: string, password: string): Promise<{ cookie: string; csrfToken: string; operatorId: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as SessionInfo;
  return { cookie: setCookie.split(';')[0] ?? '', csrfToken: body.csrfToken, operatorId: body.operator.id };
}

/** Resolves with the next `event` payload on `socket` (rejects after `ms`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- serves every typed socket (Socket<any, any>); the caller names the payload type T
export function nextEvent<T>(socket: Socket<any, any>, event: string, ms = 5_000, match: (arg: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no "${event}" within ${ms} ms`));
    }, ms);
    function handler(arg: T) {
      if (!match(arg)) {
        socket.once(event, handler);
        return;
      }
      clearTimeout(timer);
      resolve(arg);
    }
    socket.once(event, handler);
  });
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

export const helloPayload = (over: Record<string, unknown> = {}) => ({
  siteId: 'introserv',
  visitorToken: null,
  language: 'en' as const,
  page: { url: 'https://introserv.com/dedicated', title: 'Dedicated servers' },
  timeZone: 'Europe/Berlin',
  ...over,
});
