import type { OperatorRecord } from '../operators/operator.store.js';
import type { OperatorDirectory } from '../operators/operator-directory.js';
import { parseCookies } from './cookies.js';
import { SESSION_COOKIE, type OpenSession, type SessionService } from './session.service.js';

export interface Authenticated extends OpenSession {
  operator: OperatorRecord;
}

/**
 * Cookie → session → operator: the one check behind `/api` and the `/operator` namespace.
 * Null when there is no valid session, or its operator is gone or disabled.
 */
export type Authenticate = (cookieHeader: string | undefined) => Promise<Authenticated | null>;

export function createAuthenticate(sessions: SessionService, operators: OperatorDirectory): Authenticate {
  return async (cookieHeader) => {
    const open = await sessions.get(parseCookies(cookieHeader).get(SESSION_COOKIE));
    if (!open || open.session.expiresAt <= Date.now()) return null;
    const operator = await operators.get(open.session.operatorId);
    if (!operator || operator.disabled) return null;
    return { ...open, operator };
  };
}
