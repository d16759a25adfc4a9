import { describe, expect, it } from 'vitest';
import { mergeMessages } from './message-merge.js';

let n = 0;
const message = (cursor = `1700000000000-${n}`) => ({ id: `msg-${String(++n).padStart(8, '0')}`, cursor });

describe('mergeMessages', () => {
  it('sorts by cursor whatever the arrival order', () => {
    const a = message('1700000000000-1');
    const b = message('1700000000000-2');
    const c = message('1700000000001-0');
    expect(mergeMessages([c], [b, a]).map((m) => m.id)).toEqual([a.id, b.id, c.id]);
  });

  it('keeps one copy of a message delivered twice, the later copy winning', () => {
    const a = { ...message(), text: 'old' };
    const b = { ...message(), text: 'b' };
    const merged = mergeMessages(mergeMessages([], [a, b]), [b, { ...a, text: 'new' }]);
    expect(merged.map((m) => [m.id, m.text])).toEqual([
      [a.id, 'new'],
      [b.id, 'b'],
    ]);
  });

  it('returns the same array when nothing comes in', () => {
    const known = [message()];
    expect(mergeMessages(known, [])).toBe(known);
  });
});
