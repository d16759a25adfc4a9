import { AdminSettings, type NoticeInput, type SiteSettings } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';

/** `/api/settings` (admins only): each call answers with everything the page shows. */
export function settingsApi(client: ApiClient) {
  return {
    get: () => client.get('/api/settings', AdminSettings),
    save: (settings: SiteSettings) => client.request('PUT', '/api/settings', { body: settings, schema: AdminSettings }),
    postNotice: (notice: NoticeInput) => client.request('PUT', '/api/settings/notice', { body: notice, schema: AdminSettings }),
    endNotice: () => client.request('DELETE', '/api/settings/notice', { schema: AdminSettings }),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;

/** The tag a site owner pastes into their pages. */
export const embedSnippet = (publicUrl: string, siteId = 'introserv'): string => `<script async src="${publicUrl}/widget/loader.js" data-site="${siteId}"></script>`;
