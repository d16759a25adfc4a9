import { Redis, type RedisOptions } from 'ioredis';

/**
 * Where Redis is: one server by URL (`REDIS_URL`), or a primary found through Sentinel
 * (`REDIS_SENTINELS`, `REDIS_MASTER_NAME`). Every connection of a process (the stores, the
 * acked writes, the Socket.IO adapter and the adapter's duplicates) is made by `createRedis`
 * from the same target, so a failover moves them all: in Sentinel mode ioredis asks the
 * sentinels for the primary at every (re)connect.
 */
export type RedisTarget =
  | { kind: 'url'; url: string }
  | {
      kind: 'sentinel';
      sentinels: { host: string; port: number }[];
      masterName: string;
      /** The primary's and replicas' password (AUTH). */
      password?: string | undefined;
      /** The sentinels' own password, when they have one (`requirepass` in sentinel.conf). */
      sentinelPassword?: string | undefined;
    };

/** A URL (tests, benches) or a target. */
export type RedisAddress = RedisTarget | string;

export function toTarget(address: RedisAddress): RedisTarget {
  return typeof address === 'string' ? { kind: 'url', url: address } : address;
}

/** A new ioredis client for `address`; `options` add to (or override) what the target implies. */
export function createRedis(address: RedisAddress, options: RedisOptions = {}): Redis {
  const target = toTarget(address);
  if (target.kind === 'url') return new Redis(target.url, options);
  return new Redis({
    sentinels: target.sentinels,
    name: target.masterName,
    ...(target.password ? { password: target.password } : {}),
    ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
    ...options,
  });
}

/** The target as people write it, without credentials: `redis://10.0.0.5:6379`, `sentinels a:26379,b:26379 (master mymaster)`. */
export function describeTarget(address: RedisAddress): string {
  const target = toTarget(address);
  if (target.kind === 'sentinel') return `sentinels ${target.sentinels.map((s) => `${s.host}:${s.port}`).join(',')} (master ${target.masterName})`;
  try {
    const u = new URL(target.url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** Redis could not be reached when the process started: `message` is the one line to print. */
export class RedisUnreachable extends Error {
  override name = 'RedisUnreachable';
}

/**
 * Resolves once every client is ready; rejects with `RedisUnreachable` at the first error
 * before that. ioredis would otherwise retry forever, and a process started against a wrong
 * address would sit there "starting" (its own `connectTimeout`, 10 s, bounds an address that
 * does not answer at all). After this, reconnects are ioredis's: an outage later is ridden out.
 */
export async function firstConnect(address: RedisAddress, clients: Redis[]): Promise<void> {
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          if (client.status === 'ready') {
            resolve();
            return;
          }
          // In Sentinel mode the error says only that no sentinel gave a primary; each sentinel's own answer says why.
          let sentinelError: Error | undefined;
          const onSentinelError = (err: Error) => (sentinelError = err);
          const onReady = () => {
            client.off('error', onError).off('sentinelError', onSentinelError);
            resolve();
          };
          const onError = (err: Error) => {
            client.off('ready', onReady).off('sentinelError', onSentinelError);
            const cause = sentinelError && /All sentinels are unreachable/.test(err.message) ? sentinelError : err;
            reject(new RedisUnreachable(`cannot reach Redis at ${describeTarget(address)}: ${reasonOf(cause)}`));
          };
          client.once('ready', onReady);
          client.once('error', onError);
          client.on('sentinelError', onSentinelError);
        }),
    ),
  );
}

/** A connection error in a few words: `connection refused`, `host not found`, `authentication failed`. */
export function reasonOf(err: Error): string {
  const code = (err as Error & { code?: string }).code;
  const text = err.message;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(text)) return 'host not found';
  if (code === 'ETIMEDOUT' || /ETIMEDOUT|connect timeout/i.test(text)) return 'no answer (timed out)';
  if (code === 'ECONNRESET' || /ECONNRESET/.test(text)) return 'connection reset';
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(text)) return 'authentication failed';
  if (/got an invalid reply/.test(text)) return 'the sentinels do not know this master name';
  // ioredis's sentinel client reports a refused sentinel as a closed connection.
  if (/failed to connect to sentinel|All sentinels are unreachable/.test(text)) return 'no sentinel answered';
  return text.split('\n')[0] ?? text;
}
