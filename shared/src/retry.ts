import { ErrorCode } from './errors.js';

/**
 * Codes after which sending the same thing again cannot succeed. Everything else (store
 * down, rate limited, internal error, and the clients' own TIMEOUT / OFFLINE / NETWORK)
 * may heal, so clients keep the command and try again later.
 */
const PERMANENT: ReadonlySet<string> = new Set<string>([
  ErrorCode.InvalidPayload,
  ErrorCode.PayloadTooLarge,
  ErrorCode.UnsupportedMediaType,
  ErrorCode.Unauthenticated,
  ErrorCode.InvalidCredentials,
  ErrorCode.Forbidden,
  ErrorCode.CsrfFailed,
  ErrorCode.OriginNotAllowed,
  ErrorCode.NotFound,
  ErrorCode.ConversationTaken,
  ErrorCode.ConversationClosed,
  ErrorCode.UnknownEvent,
  ErrorCode.EscalationExists,
  ErrorCode.EmailTaken,
  ErrorCode.LastAdmin,
  ErrorCode.WrongPassword,
  ErrorCode.AlreadyExists,
  ErrorCode.OperatorUnavailable,
  ErrorCode.ConversationSuperseded,
  ErrorCode.FileTooLarge,
  ErrorCode.FileTypeNotAllowed,
  ErrorCode.TooManyFiles,
  ErrorCode.RecipientNotGiven,
]);

/**
 * Whether an error is worth retrying with the same payload.
 *
 * @example isRetryable('STORE_UNAVAILABLE') // true; isRetryable('INVALID_PAYLOAD') // false
 */
export function isRetryable(code: string): boolean {
  return !PERMANENT.has(code);
}

/**
 * Exponential backoff with full jitter: a random delay in [base·2^attempt / 2, base·2^attempt],
 * capped at `maxMs`, so that clients refused together do not come back together.
 *
 * @example backoffDelay(0, { baseMs: 1000, maxMs: 30000 }) // 500..1000
 */
export function backoffDelay(attempt: number, { baseMs, maxMs }: { baseMs: number; maxMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
