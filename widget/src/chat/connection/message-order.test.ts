import { describe, expect, it } from 'vitest';
import { compareCursor, mergeMessages } from './message-order.js';
import { storedMessage } from './testing/fake-socket.js';

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

describe('mergeMessages', () => {
  it('sorts by cursor whatever the arrival order', () => {
    const a = storedMessage({ cursor: '1700000000000-1' });
    const b = storedMessage({ cursor: '1700000000000-2' });
    const c = storedMessage({ cursor: '1700000000001-0' });
    expect(mergeMessages([c], [b, a]).map((m) => m.id)).toEqual([a.id, b.id, c.id]);
  });

  it('keeps one copy of a message delivered twice', () => {
    const a = storedMessage();
    const b = storedMessage();
    const merged = mergeMessages(mergeMessages([], [a, b]), [b, a, { ...a }]);
    expect(merged).toHaveLength(2);
    expect(merged.map((m) => m.id)).toEqual([a.id, b.id]);
  });

  it('returns the same array when nothing comes in', () => {
    const known = [storedMessage()];
    expect(mergeMessages(known, [])).toBe(known);
  });
});
