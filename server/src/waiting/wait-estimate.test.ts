import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds } from './wait-estimate.js';

const now = 1_700_000_000_000;
const minutesAgo = (...m: number[]) => m.map((x) => now - x * 60_000);

describe('estimateWaitSeconds', () => {
  it('is the place in line times the recent gap between services', () => {
    expect(estimateWaitSeconds(1, minutesAgo(1, 2, 3), now)).toBe(60);
    expect(estimateWaitSeconds(3, minutesAgo(1, 2, 3), now)).toBe(180);
  });

  it('grows while the queue stands still', () => {
    const served = minutesAgo(1, 2, 3);
    expect(estimateWaitSeconds(1, served, now + 9 * 60_000)).toBe(240);
  });

  it('says nothing without at least two services in the last hour', () => {
    expect(estimateWaitSeconds(1, [], now)).toBeNull();
    expect(estimateWaitSeconds(1, minutesAgo(5), now)).toBeNull();
    expect(estimateWaitSeconds(1, minutesAgo(5, 61, 70), now)).toBeNull();
  });
});
