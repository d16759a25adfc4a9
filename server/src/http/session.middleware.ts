import { AppError, ErrorCode } from '@introserv/shared';
import type { RequestHandler, Response } from 'express';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.js';
import type { OriginPolicy } from '../realtime/origin-policy.js';
import type { OperatorRecord, SessionRecord, Store } from '../store/store.js';
import { parseCookies } from './cookies.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Authenticated {
  operator: OperatorRecord;
  session: SessionRecord;
  sid: string;
}

/** The logged-in operator of a request that passed `requireOperator`. */
export function authenticated(res: Response): Authenticated {
  return res.locals.auth as Authenticated;
}

/**
 * Unsafe requests must come from our own origin (when the browser says where it came
 * from), which also covers login CSRF, where no session exists yet.
 */
export function requireSameOrigin(origins: OriginPolicy): RequestHandler {
  return (req, _res, next) => {
    const origin = req.headers.origin;
    if (UNSAFE.has(req.method) && origin && !origins.consoleAllowed(origin, req.headers.host)) {
      return next(new AppError(ErrorCode.OriginNotAllowed, 'cross-origin request refused'));
    }
    next();
  };
}

/**
 * Loads the session from the httpOnly cookie; unsafe methods must also echo the session's
 * CSRF token in `x-csrf-token` (a cross-site form cannot read it).
 */
export function requireOperator(sessions: Sessions, store: Store): RequestHandler {
  return async (req, res, next) => {
    const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    const session = await sessions.get(sid);
    const operator = session && (await store.getOperator(session.operatorId));
    if (!session || !operator || !sid) return next(new AppError(ErrorCode.Unauthenticated, 'log in first'));
    if (UNSAFE.has(req.method) && req.get('x-csrf-token') !== session.csrfToken) {
      return next(new AppError(ErrorCode.CsrfFailed, 'missing or wrong x-csrf-token header'));
    }
    res.locals.auth = { operator, session, sid } satisfies Authenticated;
    next();
  };
}

/** JSON bodies only: a form post (the classic CSRF vehicle) is refused before parsing. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (UNSAFE.has(req.method) && hasBody && !req.is('application/json')) {
    return next(new AppError(ErrorCode.UnsupportedMediaType, 'send Content-Type: application/json'));
  }
  next();
};
