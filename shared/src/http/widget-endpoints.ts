import type { Endpoint } from './endpoint.js';

/**
 * Where the widget's HTTP routes are, without their schemas: `widget-routes.ts` declares each
 * route from its line here, and the widget builds its requests from it (zod stays out of its
 * bundles). Every one of them but `settings` is authorized by `Authorization: Bearer <visitor token>`.
 */
/**
 * The loader's first request: may this page show the chat, and how. A constant of its own, so
 * the loader (2,048 B gzip at most) carries the string and not an object around it.
 */
export const WIDGET_SETTINGS_PATH = '/widget/settings';

export const WIDGET_ENDPOINTS = {
  settings: { method: 'GET', path: WIDGET_SETTINGS_PATH },
  upload: { method: 'POST', path: '/widget/uploads' },
  attachment: { method: 'GET', path: '/widget/attachments/:id' },
  transcript: { method: 'GET', path: '/widget/conversations/:id/transcript' },
  transcriptEmail: { method: 'POST', path: '/widget/conversations/:id/transcript/email' },
  leaveMessage: { method: 'POST', path: '/widget/messages' },
  leaveMessageStatus: { method: 'GET', path: '/widget/messages/:id' },
} as const satisfies Record<string, Endpoint>;
