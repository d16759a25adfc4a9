import { ApiError, ClientErrorCode, type ConsoleError } from '../api/errors.js';

/**
 * Whatever a request threw, as the console shows it: the API client's `ApiError` (the
 * server's code, message and field issues, or one of the client's own codes), anything else
 * (a fetch that never got an answer, a bug) as NETWORK. The one place that decides this.
 *
 * @example
 * catch (err) { setError(toConsoleError(err)); }
 */
export function toConsoleError(err: unknown): ConsoleError {
  if (err instanceof ApiError) return { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
  return { code: ClientErrorCode.Network, message: String(err) };
}
