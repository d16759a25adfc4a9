import { ErrorCode, type WireError } from '@introserv/shared';
import type { ClientError, ClientFacingCode } from '@introserv/shared/client/errors';
import { z } from 'zod';

/** Failures that never reach the server (or never come back from it): the client kit's, shared with the widget. */
export { ClientErrorCode } from '@introserv/shared/client/errors';

/** Every code the console can show a localized text for. */
export type ConsoleErrorCode = ClientFacingCode;

/** An error as the console handles it: a server WireError or one of its own. */
export type ConsoleError = ClientError;

const serverCodes = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/**
 * The body of every non-2xx JSON response. shared/ describes it only as a TS type
 * (`WireError`), so the console keeps its own schema. A code this build does not know
 * (a newer server) degrades to INTERNAL instead of failing the parse.
 */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(serverCodes).catch(ErrorCode.Internal),
    message: z.string().catch(''),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** Thrown by the API client for every failed request. */
export class ApiError extends Error implements ConsoleError {
  constructor(
    readonly status: number,
    readonly code: ConsoleErrorCode,
    message: string,
    readonly issues?: WireError['issues'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
