import { ConversationList, ErrorCode, SessionInfo, type Conversation, type LoginBody } from '@introserv/shared';
import type { ApiClient } from './client.js';
import { ApiError } from './errors.js';

/** The HTTP calls the console makes, each parsed by its shared schema. */
export function consoleApi(client: ApiClient) {
  return {
    /** For a page's own requests (each feature keeps its calls beside its page). */
    client,

    async login(body: LoginBody): Promise<SessionInfo> {
      const session = await client.post('/api/auth/login', body, SessionInfo);
      client.csrfToken = session.csrfToken;
      return session;
    },

    /** The current session, or null when the cookie is missing or expired. */
    async me(): Promise<SessionInfo | null> {
      try {
        const session = await client.get('/api/auth/me', SessionInfo);
        client.csrfToken = session.csrfToken;
        return session;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },

    async logout(): Promise<void> {
      try {
        await client.request('POST', '/api/auth/logout');
      } catch (err) {
        // Already logged out is the outcome we wanted.
        if (!(err instanceof ApiError && err.code === ErrorCode.Unauthenticated)) throw err;
      } finally {
        client.csrfToken = null;
      }
    },

    async conversations(): Promise<Conversation[]> {
      return (await client.get('/api/conversations', ConversationList)).conversations;
    },
  };
}

export type ConsoleApi = ReturnType<typeof consoleApi>;
