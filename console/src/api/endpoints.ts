import { ErrorCode, type Conversation, type LoginBody, type SessionInfo } from '@introserv/shared';
import type { ApiClient } from './client.js';
import { ApiError } from './errors.js';

/** The session's HTTP calls (login, who am I, logout) and the conversation list; each feature keeps its own calls beside its page. */
export function consoleApi(client: ApiClient) {
  return {
    /** For a page's own requests (each feature keeps its calls beside its page). */
    client,

    async login(body: LoginBody): Promise<SessionInfo> {
      const session = await client.call('auth.login', { body });
      client.csrfToken = session.csrfToken;
      return session;
    },

    /** The current session, or null when the cookie is missing or expired. */
    async me(): Promise<SessionInfo | null> {
      try {
        const session = await client.call('auth.me');
        client.csrfToken = session.csrfToken;
        return session;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },

    async logout(): Promise<void> {
      try {
        await client.call('auth.logout');
      } catch (err) {
        // Already logged out is the outcome we wanted.
        if (!(err instanceof ApiError && err.code === ErrorCode.Unauthenticated)) throw err;
      } finally {
        client.csrfToken = null;
      }
    },

    async conversations(): Promise<Conversation[]> {
      return (await client.call('conversations.list')).conversations;
    },
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;
