import { describe, expect, it } from 'vitest';
import { LogSampler } from './log-sampler.js';
import { createLogger } from './logger.js';

describe('LogSampler', () => {
  it('writes the first line of a kind at once and the rest of the window as one line with a count', () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('info', { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
    const sampler = new LogSampler(log, 60_000);
    for (let i = 0; i < 10_000; i++) sampler.log('warn', 'unknown event', { conn: `c${i % 3}`, event: 'x' });
    sampler.log('error', 'store unavailable', { kind: 'OOM' }, 'store:OOM');
    expect(lines.map((l) => l.msg)).toEqual(['unknown event', 'store unavailable']);
    sampler.flush();
    expect(lines.map((l) => l.msg)).toEqual(['unknown event', 'store unavailable', 'unknown event (repeated)']);
    expect(lines[2]).toMatchObject({ repeated: 9_999, windowMs: 60_000, conn: 'c0' });
    // A new window starts afresh.
    sampler.log('warn', 'unknown event', { conn: 'c9' });
    expect(lines).toHaveLength(4);
  });
});
