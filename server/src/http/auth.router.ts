import { LoginBody, type Operator, type SessionInfo } from '@introserv/shared';
import { Router, type CookieOptions } from 'express';
import type { Authenticate } from '../auth/authenticate.js';
import type { LoginService } from '../auth/login.service.js';
import { SESSION_COOKIE } from '../auth/session.service.js';
import type { OperatorRecord } from '../operators/operator.store.js';
import type { PresenceStore } from '../presence/presence.store.js';
import { parseWith } from './parse-body.js';
import { authenticated, requireOperator } from './request-guards.js';

export function publicOperator(op: OperatorRecord): Operator {
  const { passwordHash: _hash, ...visible } = op;
  return { ...visible, departments: [...op.departments], languages: [...op.languages] };
}

/** `/api/auth`: login, logout, who am I. The rules are LoginService's; this translates HTTP. */
export function authRouter(deps: {
  login: LoginService;
  authenticate: Authenticate;
  presence: Pick<PresenceStore, 'getOperatorStatus'>;
  secureCookies: boolean;
  sessionTtlMs: number;
}): Router {
  const { login, authenticate, presence } = deps;
  const router = Router();
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: deps.sessionTtlMs };

  router.post('/login', async (req, res) => {
    const { operator, open } = await login.login(parseWith(LoginBody, req.body), req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, open.sid, cookie);
    res.json({ operator: publicOperator(operator), csrfToken: open.session.csrfToken, status: await presence.getOperatorStatus(operator.id) } satisfies SessionInfo);
  });

  router.get('/me', requireOperator(authenticate), async (_req, res) => {
    const { operator, session } = authenticated(res);
    res.json({ operator: publicOperator(operator), csrfToken: session.csrfToken, status: await presence.getOperatorStatus(operator.id) } satisfies SessionInfo);
  });

  router.post('/logout', requireOperator(authenticate), async (_req, res) => {
    await login.logout(authenticated(res));
    res.clearCookie(SESSION_COOKIE, { ...cookie, maxAge: undefined });
    res.status(204).end();
  });

  return router;
}
