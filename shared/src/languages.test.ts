import { describe, expect, it } from 'vitest';
import { pickLanguage } from './languages.js';

describe('pickLanguage', () => {
  it('takes the first supported primary subtag', () => {
    expect(pickLanguage(['de-AT', 'en'])).toBe('de');
    expect(pickLanguage(['pl', 'TR-tr'])).toBe('tr');
  });
  it('falls back to English', () => {
    expect(pickLanguage(['pl', 'ja'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});
