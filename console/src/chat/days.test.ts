import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, translate } from '../i18n/i18n.js';
import { dayKey, dayLabel } from './days.js';

beforeAll(async () => {
  await initI18n('en');
});

describe('day separators', () => {
  it('names today, yesterday, a date this year and one in another year', () => {
    const now = new Date(2026, 11, 2, 0, 30).getTime();
    expect(dayLabel(new Date(2026, 11, 2, 0, 1).getTime(), now, translate, 'en')).toBe('Today');
    expect(dayLabel(new Date(2026, 11, 1, 23, 59).getTime(), now, translate, 'en')).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 10, 28, 12).getTime(), now, translate, 'en')).toBe('Sat, November 28');
    expect(dayLabel(new Date(2025, 11, 31, 12).getTime(), now, translate, 'en')).toBe('Wed, December 31, 2025');
    expect(dayKey(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
  });
});
