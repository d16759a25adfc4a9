import { isolate } from '@introserv/shared/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleErrorCode } from '../api/errors.js';
import { errorText } from './errorText.js';
import { initI18n, setLanguage, translate, type ConsoleKey } from './i18n.js';

beforeAll(async () => {
  await initI18n('en');
});

describe('translate', () => {
  it('takes only keys of locales/en/console.json (checked by the typecheck)', () => {
    // @ts-expect-error a typo is not a key
    const typo: ConsoleKey = 'chat.acept';
    // @ts-expect-error a group is not a key either
    const group: ConsoleKey = 'chat';
    expect([typo, group]).toHaveLength(2);
    expect(translate('chat.accept')).toBe('Accept');
  });

  it('fills placeholders and follows the language', async () => {
    expect(translate('list.operator', { name: isolate('Ana') })).toBe('Operator: \u2068Ana\u2069');
    await setLanguage('fr', null);
    expect(translate('chat.accept')).toBe('Accepter');
    await setLanguage('en', null);
  });
});

describe('errorText', () => {
  it('words every known code, and a code from a newer server as the generic error', () => {
    expect(errorText(translate, 'RATE_LIMITED')).toBe('Too many attempts. Wait a moment and try again.');
    expect(errorText(translate, 'SOMETHING_NEW' as ConsoleErrorCode)).toBe(translate('errors.INTERNAL'));
  });
});
