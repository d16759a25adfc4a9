import type { SessionInfo } from '@introserv/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/endpoints.js';
import type { ConsoleErrorCode } from '../api/errors.js';
import { toConsoleError } from '../hooks/to-console-error.js';

export type AuthState =
  | { status: 'loading' }
  /** `sessionEnded`: the server ended the session under us (logout elsewhere, expiry, account disabled). */
  | { status: 'signed-out'; sessionEnded?: boolean }
  | { status: 'signed-in'; session: SessionInfo }
  | { status: 'error'; code: ConsoleErrorCode };

/** Asks `/api/auth/me` once on load, then follows login, logout and expiry. */
export function useAuth(api: ConsoleApi) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const check = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const session = await api.me();
      setState(session ? { status: 'signed-in', session } : { status: 'signed-out' });
    } catch (err) {
      setState({ status: 'error', code: toConsoleError(err).code });
    }
  }, [api]);

  useEffect(() => {
    void check();
  }, [check]);

  const signedIn = useCallback((session: SessionInfo) => setState({ status: 'signed-in', session }), []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The cookie may outlive a failed request, but the console forgets the session anyway.
    }
    setState({ status: 'signed-out' });
  }, [api]);

  const expired = useCallback(() => setState({ status: 'signed-out', sessionEnded: true }), []);

  return { state, retry: check, signedIn, logout, expired };
}
