import { LIMITS, type PageInfo } from '@introserv/shared/client';
import { safeStringify } from '@introserv/shared/client/safe-json';
import type { KeyValueStore } from '@introserv/shared/client/storage';
import type { Identity } from '../../embed.js';
import type { Profile } from './chat-state.js';

/** Roughly what the server's zod `z.email()` takes: a wrong one would refuse the whole hello. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * `identify()`'s argument as the hello carries it, or null when it is malformed. Checked here
 * first, since a malformed identity would make the server refuse the whole hello; a wrong hash
 * is the server's to refuse (the visitor then goes on unverified). Name and e-mail go exactly
 * as given, since the hash signs them: a field this would have to change makes the call malformed.
 */
export function checkIdentity(identity: Identity): Identity | null {
  const { userId, hash } = identity;
  // Absent, null and "" are signed alike (as ""): a page's template may send any of them.
  const name = identity.name || undefined;
  const email = identity.email || undefined;
  const field = (s: unknown, max: number): boolean => typeof s === 'string' && s.length > 0 && s.length <= max && !s.includes('\u0000');
  if (!field(userId, 128) || typeof hash !== 'string' || !/^[\da-f]{64}$/i.test(hash)) return null;
  if ((name !== undefined && !field(name, 100)) || (email !== undefined && !(field(email, 254) && EMAIL.test(email)))) return null;
  return { userId, hash, ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) };
}

/** The pre-chat answers, kept per site so the form is asked once. */
export class ProfileStore {
  constructor(
    private readonly storage: KeyValueStore,
    private readonly siteId: string,
  ) {}

  private get key(): string {
    return `introserv-chat:${this.siteId}:profile`;
  }

  read(): Profile | null {
    try {
      const p = JSON.parse(this.storage.getItem(this.key) ?? 'null') as Profile | null;
      return p && typeof p === 'object' ? p : null;
    } catch {
      return null;
    }
  }

  write(profile: Profile): void {
    this.storage.setItem(this.key, safeStringify(profile));
  }
}

/**
 * The page the visitor writes from. Its query and fragment may carry what is nobody else's
 * business (reset tokens, e-mail addresses, search terms), so they are sent only when the site
 * owner opts in with `data-full-url` on the embed script. The loader is at its byte budget, so
 * the chat chunk finds the script tag itself.
 */
export const currentPage = (): PageInfo => ({
  url: (document.querySelector('script[data-site][data-full-url]') ? location.href : location.origin + location.pathname).slice(0, LIMITS.pageUrlMax),
  title: document.title.slice(0, LIMITS.pageTitleMax),
});

export const currentTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};
