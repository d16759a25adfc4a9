import { describe, expect, it } from 'vitest';
import { compareCursor } from './cursor.js';

describe('compareCursor', () => {
  it('orders by milliseconds numerically, not as strings', () => {
    expect(compareCursor('9-0', '10-0')).toBeLessThan(0);
    expect(compareCursor('1700000000001-0', '1700000000000-5')).toBeGreaterThan(0);
  });

  it('orders by sequence within the same millisecond', () => {
    expect(compareCursor('1700000000000-2', '1700000000000-10')).toBeLessThan(0);
    expect(compareCursor('1700000000000-3', '1700000000000-3')).toBe(0);
  });

  it('handles values beyond 2^53', () => {
    expect(compareCursor('9007199254740993-0', '9007199254740992-0')).toBeGreaterThan(0);
  });
});
