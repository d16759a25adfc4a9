import { describe, expect, it } from 'vitest';
import { PacketBudget } from './packet-budget.js';

describe('PacketBudget', () => {
  it('admits the burst, refuses beyond it, and calls for a cut when refusals go on', () => {
    const now = 0;
    const budget = new PacketBudget({ burst: 3, perSecond: 1 }, 2, () => now);
    expect([budget.take(), budget.take(), budget.take()]).toEqual(['ok', 'ok', 'ok']);
    expect(budget.take()).toBe('refused');
    expect(budget.admitted).toBe(false);
    expect(budget.take()).toBe('refused');
    expect(budget.take()).toBe('cut');
  });

  it('forgives refusals spread out in time, and refills', () => {
    let now = 0;
    const budget = new PacketBudget({ burst: 1, perSecond: 1 }, 1, () => now);
    expect(budget.take()).toBe('ok');
    expect(budget.take()).toBe('refused');
    now += 1_000;
    expect(budget.take()).toBe('ok');
    expect(budget.admitted).toBe(true);
    expect(budget.take()).toBe('refused');
    now += 1_001;
    expect(budget.take()).toBe('ok');
  });
});
