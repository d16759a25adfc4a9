import { AppError, ErrorCode } from '@introserv/shared';

/**
 * ioredis gives up on a command after its retries while Redis is unreachable; clients
 * should hear "try again later" (their outbox keeps the message), not "internal error".
 */
export function asStoreUnavailable(err: unknown): AppError | null {
  if (!(err instanceof Error)) return null;
  const unreachable =
    err.name === 'MaxRetriesPerRequestError' || /Connection is closed|ECONNREFUSED|ECONNRESET|Stream isn't writeable/i.test(err.message);
  return unreachable ? new AppError(ErrorCode.StoreUnavailable, 'storage is unavailable; try again shortly') : null;
}
