import type { ConsoleRoutes, Operator, SessionInfo } from '@introserv/shared';
import type { CookieOptions } from 'express';
import type { LoginService } from '../../auth/login.service.js';
import { SESSION_COOKIE } from '../../auth/session.service.js';
import type { OperatorRecord } from '../../operators/operator.store.js';
import type { PresenceStore } from '../../presence/presence.store.js';
import type { RouteHandlers } from '../route-handler.js';

export function publicOperator(op: OperatorRecord): Operator {
  const { passwordHash: _hash, ...visible } = op;
  return { ...visible, departments: [...op.departments], languages: [...op.languages] };
}

export interface AuthDeps {
  login: LoginService;
  presence: Pick<PresenceStore, 'getOperatorStatus'>;
  secureCookies: boolean;
  sessionTtlMs: number;
}

/** Login, who am I, logout. The rules are LoginService's; this translates HTTP (the session cookie). */
export function authHandlers(deps: AuthDeps): Pick<RouteHandlers<ConsoleRoutes>, 'auth.login' | 'auth.me' | 'auth.logout'> {
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/', maxAge: deps.sessionTtlMs };
  const info = async (operator: OperatorRecord, csrfToken: string): Promise<SessionInfo> => ({
    operator: publicOperator(operator),
    csrfToken,
    status: await deps.presence.getOperatorStatus(operator.id),
  });
  return {
    'auth.login': async ({ body, ip, res }) => {
      const { operator, open } = await deps.login.login(body, ip);
      res.cookie(SESSION_COOKIE, open.sid, cookie);
      return info(operator, open.session.csrfToken);
    },
    'auth.me': async ({ auth }) => info(auth.operator, auth.session.csrfToken),
    'auth.logout': async ({ auth, res }) => {
      await deps.login.logout(auth);
      res.clearCookie(SESSION_COOKIE, { ...cookie, maxAge: undefined });
      return undefined;
    },
  };
}
