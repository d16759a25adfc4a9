import { describe, expect, it } from 'vitest';
import { HashGate } from './hash-gate.js';

/** A task the test finishes by hand, recording when it started. */
function controlled(log: string[], name: string) {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

/** Lets every started task reach its first await. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('HashGate: password hashes, a few at once, each address in its turn', () => {
  it('runs at most `concurrency` at once, and one address one at a time', async () => {
    const log: string[] = [];
    const gate = new HashGate({ concurrency: 2, perAddress: 5, queue: 100 });
    const a = [controlled(log, 'a1'), controlled(log, 'a2'), controlled(log, 'a3')];
    const runs = a.map((c) => gate.run('A', c.task));
    await settled();
    // A second slot is free, but A has one running already: it waits for its own.
    expect(log).toEqual(['start a1']);
    a[0]?.finish();
    expect(await runs[0]).toBe('a1');
    await settled();
    expect(log).toEqual(['start a1', 'start a2']);
    a[1]?.finish();
    a[2]?.finish();
    expect(await Promise.all(runs)).toEqual(['a1', 'a2', 'a3']);
  });

  it('serves an address that arrives during another one’s burst at once, and in turn after that', async () => {
    const log: string[] = [];
    const gate = new HashGate({ concurrency: 1, perAddress: 10, queue: 100 });
    const burst = Array.from({ length: 5 }, (_, i) => controlled(log, `a${i + 1}`));
    const runs = burst.map((c) => gate.run('A', c.task));
    const honest = controlled(log, 'b1');
    const served = gate.run('B', honest.task);
    await settled();
    expect(log).toEqual(['start a1']);
    burst[0]?.finish();
    await runs[0];
    await settled();
    // The next slot goes to B, not to A's second.
    expect(log).toEqual(['start a1', 'start b1']);
    honest.finish();
    expect(await served).toBe('b1');
    for (const c of burst) c.finish();
    await Promise.all(runs);
    expect(log.slice(2)).toEqual(['start a2', 'start a3', 'start a4', 'start a5']);
  });

  it('refuses an address over its share, and anyone once the queue is full, without running the task', async () => {
    const log: string[] = [];
    const gate = new HashGate({ concurrency: 1, perAddress: 2, queue: 3 });
    const held = Array.from({ length: 4 }, (_, i) => controlled(log, `t${i}`));
    const a = [gate.run('A', held[0]!.task), gate.run('A', held[1]!.task)];
    await expect(gate.run('A', async () => 'never')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const b = gate.run('B', held[2]!.task);
    const c = gate.run('C', held[3]!.task);
    // Waiting now: A's second, B, C: the queue is full.
    await expect(gate.run('D', async () => 'never')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    for (const h of held) h.finish();
    await Promise.all([...a, b, c]);
    expect(log).not.toContain('start never');
    // Everyone's share is back.
    expect(await gate.run('A', async () => 'again')).toBe('again');
  });

  it('frees the slot when a task fails', async () => {
    const gate = new HashGate({ concurrency: 1, perAddress: 1, queue: 10 });
    await expect(gate.run('A', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('A', async () => 'next')).toBe('next');
  });
});
