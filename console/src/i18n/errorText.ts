import type { TFunction } from 'i18next';
import type { ConsoleErrorCode } from '../api/errors.js';

/**
 * The localized text for an error code. A code newer than this build's locale files
 * (the contract grows) reads as the generic server error rather than as a raw key.
 */
export function errorText(t: TFunction, code: ConsoleErrorCode): string {
  return t(`errors.${code}`, { defaultValue: t('errors.INTERNAL') });
}
