import type { QueueUpdated } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { MemoryQueueStatsStore } from './queue-stats.memory-store.js';
import { WaitingLine } from './waiting-line.js';

function setup(line: string[]) {
  let reads = 0;
  const heard: QueueUpdated[] = [];
  let now = 1_700_000_000_000;
  const queueStats = new MemoryQueueStatsStore();
  const waiting = new WaitingLine(
    {
      routing: {
        queued: async () => {
          reads++;
          return [...line];
        },
      },
      queueStats,
    },
    { queueUpdated: (u) => heard.push(u) },
    createLogger('silent'),
    () => now,
  );
  return { waiting, heard, reads: () => reads, advance: (ms: number) => (now += ms), line };
}

describe('WaitingLine', () => {
  it('collapses a burst of changes into at most two reads of the queue', async () => {
    const t = setup(['c1', 'c2']);
    for (let i = 0; i < 50; i++) t.waiting.changed('general');
    await t.waiting.settled('general');
    expect(t.reads()).toBeLessThanOrEqual(2);
    expect(t.heard).toEqual([
      { conversationId: 'c1', position: 1, etaSeconds: null },
      { conversationId: 'c2', position: 2, etaSeconds: null },
    ]);
  });

  it('tells a visitor only when their place or estimated minute changed, and estimates from the pace of service', async () => {
    const t = setup(['c1', 'c2', 'c3']);
    t.waiting.changed('general');
    await t.waiting.settled('general');
    t.heard.length = 0;
    t.waiting.changed('general');
    await t.waiting.settled('general');
    expect(t.heard).toEqual([]);

    // Two conversations served a minute apart; c1 leaves the line.
    await t.waiting.served('general');
    t.advance(60_000);
    t.line.splice(0, 1);
    t.waiting.queueChanged({ id: 'c1', department: 'general' } as never, 'served');
    await t.waiting.settled('general');
    expect(t.heard.slice(-2)).toEqual([
      { conversationId: 'c2', position: 1, etaSeconds: 30 },
      { conversationId: 'c3', position: 2, etaSeconds: 60 },
    ]);
    expect(await t.waiting.placeOf('c3', 'general')).toEqual({ conversationId: 'c3', position: 2, etaSeconds: 60 });
    expect(await t.waiting.placeOf('c1', 'general')).toBeNull();
  });
});
