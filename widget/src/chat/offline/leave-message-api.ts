import type { Language } from '@introserv/shared/client';

/** What the leave-a-message parts need to know of the embedding. */
export interface OfflineContext {
  /** The chat server's origin. */
  server: string;
  siteId: string;
  language: Language;
  /** The visitor token the chat keeps (null before the first hello). */
  token: () => string | null;
}

let settings: Promise<number | null> | null = null;

/** `leaveMessageAfterSeconds` of the site's widget settings, asked once per page. */
export function leaveMessageAfter(ctx: OfflineContext): Promise<number | null> {
  settings ??= fetch(`${ctx.server}/widget/settings?site=${encodeURIComponent(ctx.siteId)}`)
    .then((r) => (r.ok ? (r.json() as Promise<{ leaveMessageAfterSeconds?: unknown }>) : null))
    .then((s) => (typeof s?.leaveMessageAfterSeconds === 'number' ? s.leaveMessageAfterSeconds : null))
    .catch(() => {
      settings = null;
      return null;
    });
  return settings;
}
