import { isolate, type Conversation } from '@introserv/shared';
import type { Translate } from '../i18n/i18n.js';

/**
 * How the console names a visitor: their name, else their e-mail, else "Guest" and a short
 * code from their id that stays the same across their chats (never the page title, which
 * says where they are, not who).
 */
export function visitorLabel(visitor: Pick<Conversation['visitor'], 'id' | 'name' | 'email'>, t: Translate): string {
  return visitor.name ?? visitor.email ?? t('list.guest', { id: isolate(guestCode(visitor.id)) });
}

/** Four characters of the visitor id, upper case: "Guest 7F2A". */
export function guestCode(visitorId: string): string {
  return visitorId.replace(/^v_/, '').slice(-4).toUpperCase();
}
