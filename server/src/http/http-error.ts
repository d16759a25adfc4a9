import { AppError, ErrorCode, type WireError } from '@introserv/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import type { StoreHealth } from '../store/store-health.js';
import { asStoreUnavailable, isStoreFailure } from '../store/store-unavailable.js';

const STATUS: Record<WireError['code'], number> = {
  [ErrorCode.InvalidPayload]: 400,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.CsrfFailed]: 403,
  [ErrorCode.OriginNotAllowed]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.ConversationTaken]: 409,
  [ErrorCode.ConversationClosed]: 409,
  [ErrorCode.HelloRequired]: 400,
  [ErrorCode.UnknownEvent]: 404,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.StoreUnavailable]: 503,
  [ErrorCode.Internal]: 500,
  [ErrorCode.EscalationExists]: 409,
  [ErrorCode.EmailTaken]: 409,
  [ErrorCode.LastAdmin]: 409,
  [ErrorCode.WrongPassword]: 403,
  [ErrorCode.AlreadyExists]: 409,
  [ErrorCode.OperatorUnavailable]: 409,
  [ErrorCode.ConversationSuperseded]: 409,
  [ErrorCode.FileTooLarge]: 413,
  [ErrorCode.FileTypeNotAllowed]: 415,
  [ErrorCode.TooManyFiles]: 409,
  [ErrorCode.EmailFailed]: 502,
  [ErrorCode.RecipientNotGiven]: 403,
  [ErrorCode.StorageFull]: 507,
};

export function statusOf(code: WireError['code']): number {
  return STATUS[code];
}

/** Unknown `/api` routes answer in the API's own error shape, not Express's HTML page (and, as every API answer, `no-store`). */
export const apiNotFound: RequestHandler = (_req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.status(404).json({ error: { code: ErrorCode.NotFound, message: 'no such endpoint' } });
};

/** Every error becomes `{ error: { code, message } }` with the status its code implies. */
export function errorHandler(log: Logger, health?: StoreHealth): ErrorRequestHandler {
  return (caught: unknown, req, res, _next) => {
    // Store failures are counted and logged once per window (StoreHealth), not once per request.
    const requestId = res.locals.requestId as string | undefined;
    if (health && isStoreFailure(caught)) health.failed(caught, { requestId, method: req.method, url: req.path });
    const err = asStoreUnavailable(caught) ?? caught;
    let wire: WireError;
    if (err instanceof AppError) {
      wire = err.toWire();
    } else if (isBodyParserError(err)) {
      // express.json(): malformed JSON, too large, wrong charset.
      wire =
        err.status === 413
          ? { code: ErrorCode.PayloadTooLarge, message: 'request body too large' }
          : { code: ErrorCode.InvalidPayload, message: 'request body is not valid JSON' };
    } else {
      log.error({ err, requestId, method: req.method, url: req.path }, 'request failed');
      wire = { code: ErrorCode.Internal, message: 'internal error' };
    }
    res.status(statusOf(wire.code)).json({ error: wire });
  };
}

function isBodyParserError(err: unknown): err is { status: number; type: string } {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof (err as { status: unknown }).status === 'number';
}
