import { isolate, type Conversation } from '@introserv/shared';
import { formatDuration } from '../i18n/format.js';
import type { Translate } from '../i18n/i18n.js';

/** "Online", or how long ago the visitor left ("Left 3 min ago"), in the console's language. */
export function presenceText(visitor: Pick<Conversation['visitor'], 'online' | 'seenAt'>, now: number, t: Translate, lang: string): string {
  return visitor.online ? t('presence.online') : t('presence.left', { duration: isolate(formatDuration(now - visitor.seenAt, lang)) });
}
