import type { ConsoleErrorCode } from '../api/errors.js';
import type { Translate } from './i18n.js';

/**
 * The localized text for an error code. The type makes every known code need a text; a
 * code newer than this build (the contract grows, a socket ack is not parsed) reads as the
 * generic server error rather than as a raw key.
 */
export function errorText(t: Translate, code: ConsoleErrorCode): string {
  const key = `errors.${code}` as const;
  const text = t(key);
  return text === key ? t('errors.INTERNAL') : text;
}
