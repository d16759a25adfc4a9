import { AppError, ErrorCode, LoginBody, type Operator, type SessionInfo } from '@introserv/shared';
import { Router, type CookieOptions } from 'express';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.js';
import { verifyPassword } from '../auth/password.js';
import type { Logger } from '../logger.js';
import type { OperatorRecord, Store } from '../store/store.js';
import { parseWith } from './parse-body.js';
import { authenticated, requireOperator } from './session.middleware.js';

const LOGIN_WINDOW_MS = 15 * 60_000;
const LOGIN_MAX_PER_IP = 30;
const LOGIN_MAX_PER_EMAIL = 10;
/** Verified against when the email is unknown, so both paths take the same time. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function publicOperator(op: OperatorRecord): Operator {
  return { id: op.id, email: op.email, name: op.name, role: op.role, capacity: op.capacity };
}

/** `/api/auth`: login, logout, who am I. */
export function authRouter(deps: { store: Store; sessions: Sessions; secureCookies: boolean; log: Logger }): Router {
  const { store, sessions, log } = deps;
  const router = Router();
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: sessions.ttlMs };

  router.post('/login', async (req, res) => {
    const body = parseWith(LoginBody, req.body);
    // Counted per address and per account in the store, so every process shares the budget.
    const [byIp, byEmail] = await Promise.all([
      store.hit(`login:ip:${req.ip ?? 'unknown'}`, LOGIN_WINDOW_MS),
      store.hit(`login:email:${body.email}`, LOGIN_WINDOW_MS),
    ]);
    if (byIp > LOGIN_MAX_PER_IP || byEmail > LOGIN_MAX_PER_EMAIL) {
      log.warn({ ip: req.ip, email: body.email }, 'login rate limited');
      res.setHeader('Retry-After', String(LOGIN_WINDOW_MS / 1000));
      throw new AppError(ErrorCode.RateLimited, 'too many login attempts; try again later');
    }
    const operator = await store.findOperatorByEmail(body.email);
    const ok = await verifyPassword(body.password, operator?.passwordHash ?? DUMMY_HASH);
    if (!operator || !ok) {
      log.info({ email: body.email, ip: req.ip }, 'login failed');
      throw new AppError(ErrorCode.InvalidCredentials, 'wrong email or password');
    }
    const { sid, session } = await sessions.create(operator.id);
    res.cookie(SESSION_COOKIE, sid, cookie);
    log.info({ operatorId: operator.id }, 'operator logged in');
    res.json({ operator: publicOperator(operator), csrfToken: session.csrfToken } satisfies SessionInfo);
  });

  router.get('/me', requireOperator(sessions, store), (_req, res) => {
    const { operator, session } = authenticated(res);
    res.json({ operator: publicOperator(operator), csrfToken: session.csrfToken } satisfies SessionInfo);
  });

  router.post('/logout', requireOperator(sessions, store), async (_req, res) => {
    await sessions.destroy(authenticated(res).sid);
    res.clearCookie(SESSION_COOKIE, { ...cookie, maxAge: undefined });
    res.status(204).end();
  });

  return router;
}
