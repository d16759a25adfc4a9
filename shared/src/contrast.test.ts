import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.js';

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself, whatever the order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#0b57d0', '#0b57d0')).toBe(1);
  });

  it('matches the WCAG figures for the widget blue and a too-light yellow', () => {
    expect(contrastRatio('#0b57d0', '#ffffff')).toBeCloseTo(6.38, 1);
    expect(contrastRatio('#ffd54f', '#ffffff')).toBeLessThan(2);
  });
});
