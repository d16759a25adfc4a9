import { AppError, ErrorCode } from '@introserv/shared';
import type { RequestHandler, Response } from 'express';
import type { Authenticate, Authenticated } from '../auth/authenticate.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { VisitorTokens } from '../auth/visitor-token.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
      next(new AppError(ErrorCode.OriginNotAllowed, 'cross-origin request refused'));
      return;
    }
    next();
  };
}

/**
 * The session from the httpOnly cookie, and its operator as they are now; unsafe methods
 * must also echo the session's CSRF token in `x-csrf-token` (a cross-site form cannot read it).
 */
export function requireOperator(authenticate: Authenticate): RequestHandler {
  return async (req, res, next) => {
    const auth = await authenticate(req.headers.cookie);
    if (!auth) { next(new AppError(ErrorCode.Unauthenticated, 'log in first')); return; }
    if (UNSAFE.has(req.method) && req.get('x-csrf-token') !== auth.session.csrfToken) {
      next(new AppError(ErrorCode.CsrfFailed, 'missing or wrong x-csrf-token header'));
      return;
    }
    res.locals.auth = auth;
    next();
  };
}

/**
 * `Authorization: Bearer <visitor token>` (the token `hello` gave): the visitor it names, or
 * 401. The one way a widget call is authorized; no cookies, so no CSRF either.
 */
export function requireVisitor(tokens: Pick<VisitorTokens, 'resolveBearer'>): RequestHandler {
  return async (req, res, next) => {
    const visitor = await tokens.resolveBearer(req.get('authorization'));
    if (!visitor) { next(new AppError(ErrorCode.Unauthenticated, 'a valid visitor token is needed (Authorization: Bearer)')); return; }
    res.locals.visitor = visitor;
    next();
  };
}

/** Admins only (after requireOperator). */
export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (authenticated(res).operator.role !== 'admin') { next(new AppError(ErrorCode.Forbidden, 'admins only')); return; }
  next();
};

/** JSON bodies only: a form post (the classic CSRF vehicle) is refused before parsing. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (UNSAFE.has(req.method) && hasBody && !req.is('application/json')) {
    next(new AppError(ErrorCode.UnsupportedMediaType, 'send Content-Type: application/json'));
    return;
  }
  next();
};
