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

