import { describe, expect, it } from 'vitest';
import { Signal } from './signal.js';

describe('Signal', () => {
  it('tells subscribers about changes, not about the same value again', () => {
    const s = new Signal(1);
    const seen: number[] = [];
    const stop = s.subscribe((v) => seen.push(v));
    s.set(2);
    s.set(2);
    s.update((v) => v + 1);
    stop();
    s.set(10);
    expect(seen).toEqual([2, 3]);
    expect(s.value).toBe(10);
  });

  it('lets a listener unsubscribe itself while being notified', () => {
    const s = new Signal('a');
    const seen: string[] = [];
    const stop = s.subscribe((v) => {
      seen.push(`first:${v}`);
      stop();
    });
    s.subscribe((v) => seen.push(`second:${v}`));
    s.set('b');
    s.set('c');
    expect(seen).toEqual(['first:b', 'second:b', 'second:c']);
  });
});
