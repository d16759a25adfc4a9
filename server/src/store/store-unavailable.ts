import { AppError, ErrorCode } from '@introserv/shared';
import { ReplyError } from 'ioredis';

/**
 * Every failure of the store becomes "try again later" (STORE_UNAVAILABLE): Redis
 * unreachable (ioredis gave up on its retries, the connection closed or was refused), and
 * every error Redis itself answers: OOM when `maxmemory` is reached under `noeviction`,
 * READONLY during a failover, LOADING after a restart, MISCONF when it cannot persist, BUSY
 * behind a slow script. Clients keep the message in their outbox and send it again; the
 * server logs these counted per window (StoreHealth), never one line per request.
 */
/** Every error Redis answers (ioredis declares it as `any`; it is redis-errors' class). */
const REPLY_ERROR = ReplyError as abstract new (...args: never[]) => object;

export function asStoreUnavailable(err: unknown): AppError | null {
  return isStoreFailure(err) ? new AppError(ErrorCode.StoreUnavailable, 'storage is unavailable; try again shortly') : null;
}

export function isStoreFailure(err: unknown): err is Error {
  if (!(err instanceof Error)) return false;
  if (err instanceof REPLY_ERROR) return true;
  // ReplicaWaitInterrupted: the connection changed between a write and its replicas' confirmation (replica-wait.ts).
  if (err.name === 'ReplicaWaitInterrupted') return true;
  return err.name === 'MaxRetriesPerRequestError' || /Connection is closed|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Stream isn't writeable/i.test(err.message);
}

/** The first word of a Redis error (`OOM`, `READONLY`, …) or the error's name: what the logs and metrics group by. */
export function storeFailureKind(err: Error): string {
  // A MULTI that Redis discarded carries the errors that made it (ioredis: previousErrors).
  const previous = (err as Error & { previousErrors?: unknown[] }).previousErrors?.[0];
  if (err.message.startsWith('EXECABORT') && previous instanceof Error) return storeFailureKind(previous);
  const word = /^([A-Z]{3,})\b/.exec(err.message)?.[1];
  return word ?? err.name;
}
