import type { WidgetSettings } from '@introserv/shared/client';

/** What `GET /widget/settings` answers for a site nobody configured: the tests' starting point. */
export const SAMPLE_SETTINGS: WidgetSettings = {
  siteId: 'introserv',
  leaveMessageAfterSeconds: 120,
  departments: [
    { id: 'general', names: {} },
    { id: 'technical', names: {} },
    { id: 'financial', names: {} },
  ],
  language: 'en',
  label: 'Live Chat',
  color: '#0b57d0',
  position: 'right',
  greeting: {},
  preChat: { name: 'off', email: 'off', department: false },
  notice: null,
  transcriptEmail: false,
  uploadMaxBytes: 1024 * 1024,
};
