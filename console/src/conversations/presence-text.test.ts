import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, translate } from '../i18n/i18n.js';
import { presenceText } from './presence-text.js';

beforeAll(async () => {
  await initI18n('en');
});

describe('presenceText', () => {
  it('says online, or how long ago the visitor left', () => {
    const now = 1_700_000_600_000;
    expect(presenceText({ online: true, seenAt: now - 3_600_000 }, now, translate, 'en')).toBe('Online');
    expect(presenceText({ online: false, seenAt: now - 180_000 }, now, translate, 'en')).toBe('Left \u20683 min\u2069 ago');
    expect(presenceText({ online: false, seenAt: now - 7_200_000 }, now, translate, 'en')).toBe('Left \u20682 hr\u2069 ago');
  });
});
