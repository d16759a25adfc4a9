import type { AdminSettings, NoticeInput, SiteSettings } from '@introserv/shared';
import { ADMIN, type RunningServer } from './server.js';

/** The bootstrap admin over HTTP: what the console's settings page calls, for tests about the widget. */
export interface AdminApi {
  settings(): Promise<AdminSettings>;
  save(change: Partial<SiteSettings>): Promise<AdminSettings>;
  postNotice(notice: NoticeInput): Promise<AdminSettings>;
  /** The conversations as operators see them (visitor profile, rating). */
  conversations(): Promise<{ id: string; status: string; visitor: { name: string | null; email: string | null; verified: boolean; userId: string | null }; rating?: { value: string } | null }[]>;
}

export async function adminApi(server: RunningServer): Promise<AdminApi> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  };
  const api: AdminApi = {
    settings: () => call('GET', '/api/settings'),
    save: async (change) => call('PUT', '/api/settings', { ...(await api.settings()).settings, ...change }),
    postNotice: (notice) => call('PUT', '/api/settings/notice', notice),
    conversations: async () => (await call<{ conversations: Awaited<ReturnType<AdminApi['conversations']>> }>('GET', '/api/conversations')).conversations,
  };
  return api;
}
