import type { NoticeInput, SiteSettings } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';

/** The widget's settings and the status notice (admins only): each call answers with everything the page shows. */
export function settingsApi(client: ApiClient) {
  return {
    get: () => client.call('settings.get'),
    save: (settings: SiteSettings) => client.call('settings.save', { body: settings }),
    postNotice: (notice: NoticeInput) => client.call('settings.postNotice', { body: notice }),
    endNotice: () => client.call('settings.endNotice'),
  };
}

export type SettingsApi = ReturnType<typeof settingsApi>;

/** The tag a site owner pastes into their pages. */
export const embedSnippet = (publicUrl: string, siteId = 'introserv'): string => `<script async src="${publicUrl}/widget/loader.js" data-site="${siteId}"></script>`;
