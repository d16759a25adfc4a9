import type { Logger } from './logger.js';

type Level = 'info' | 'warn' | 'error';

interface Tally {
  count: number;
  /** The fields of the first occurrence in the window (a sample, not a sum). */
  sample: Record<string, unknown>;
}

/**
 * Log lines that a client can cause at will (an unknown event, a bad payload, a store
 * failure under load) go through here: the first occurrence of a kind in a window is
 * written at once, the rest of the window is counted and written as one line with the
 * count when the window ends. So a flood costs one or two lines per window, never one per
 * packet, and the disk cannot be filled from outside.
 *
 * @example sampler.log('warn', 'unknown event', { conn, event }) // 1 line, then 1 summary per window
 */
export class LogSampler {
  private readonly tallies = new Map<string, Tally & { level: Level; msg: string; out: Logger }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: Logger,
    private readonly windowMs: number,
  ) {}

  /**
   * `kind` groups lines (the message by default); the first of each kind per window is written
   * whole, through `out` when given (a child logger with its context), and so is the summary.
   */
  log(level: Level, msg: string, fields: Record<string, unknown> = {}, kind: string = msg, out: Logger = this.out): void {
    const key = `${level}\u0000${kind}`;
    const tally = this.tallies.get(key);
    if (tally) {
      tally.count++;
      return;
    }
    this.tallies.set(key, { level, msg, out, count: 0, sample: fields });
    out[level](fields, msg);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs).unref();
  }

  /** Writes one line per kind that repeated in the window, with how many times. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const tallies = [...this.tallies];
    this.tallies.clear();
    for (const [, { level, msg, out, count, sample }] of tallies) {
      if (count === 0) continue;
      out[level]({ ...sample, repeated: count, windowMs: this.windowMs }, `${msg} (repeated)`);
    }
  }
}
