import type { ErrorCode, WireError } from '../errors.js';

/**
 * Failures made on the client's side: the request never reached the server, or its answer
 * never came back. Like the server's codes, each has a localized text in both UIs, and all
 * of them may heal (`isRetryable`).
 *
 * @example
 * if (reply.error.code === ClientErrorCode.Offline) waitForTheNextConnect();
 */
export const ClientErrorCode = {
  /** An HTTP request failed before any answer (DNS, refused, offline). */
  Network: 'NETWORK',
  /** An answer came that is not what the contract says (not JSON, wrong shape). */
  BadResponse: 'BAD_RESPONSE',
  /** A socket command had no ack in time. */
  Timeout: 'TIMEOUT',
  /** The socket was not connected, or dropped before the ack. */
  Offline: 'OFFLINE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** Every code a client can show a text for: the server's and its own. */
export type ClientFacingCode = ErrorCode | ClientErrorCode;

/** An error as a client handles it: a server `WireError` or one made on this side. */
export interface ClientError {
  code: ClientFacingCode;
  message: string;
  issues?: WireError['issues'];
}

/** A command or request that failed on the client's side, shaped like a refused ack. */
export interface Failure {
  ok: false;
  error: ClientError;
}

export const failure = (code: ClientErrorCode, message: string): Failure => ({ ok: false, error: { code, message } });
