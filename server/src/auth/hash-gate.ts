import { AppError, ErrorCode } from '@introserv/shared';

export interface HashGateLimits {
  /** Hashes running at once. */
  concurrency: number;
  /** Tasks of one address running or waiting at once; more are refused. */
  perAddress: number;
  /** Tasks waiting (all addresses); more are refused. */
  queue: number;
}

/**
 * Bounds the password hashes running at once. A scrypt hash takes a thread of libuv's small
 * pool for tens of milliseconds; without a bound, a burst of logins queues hundreds of them
 * and an honest login waits behind all of them. Here each address runs one hash at a time and
 * the addresses take turns, so whoever arrives during another address's burst gets the next
 * free slot; an address with `perAddress` logins in flight, or anyone once `queue` are
 * waiting, is refused at once (RATE_LIMITED) rather than answered late.
 */
export class HashGate {
  private running = 0;
  private waitingCount = 0;
  /** Addresses with a task running. */
  private readonly busy = new Set<string>();
  /** Tasks of each address in flight (running or waiting). */
  private readonly inFlight = new Map<string, number>();
  /** Waiting starts per address; the map's order is the turn order. */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limits: HashGateLimits) {}

  async run<T>(address: string, task: () => Promise<T>): Promise<T> {
    const mine = this.inFlight.get(address) ?? 0;
    if (mine >= this.limits.perAddress) throw new AppError(ErrorCode.RateLimited, 'too many logins at once from this address; try again later');
    const mustWait = this.running >= this.limits.concurrency || this.busy.has(address);
    if (mustWait && this.waitingCount >= this.limits.queue) throw new AppError(ErrorCode.RateLimited, 'too many logins at once; try again later');
    this.inFlight.set(address, mine + 1);
    try {
      if (mustWait) await this.turn(address);
      else this.start(address);
      try {
        return await task();
      } finally {
        this.finished(address);
      }
    } finally {
      const left = (this.inFlight.get(address) ?? 1) - 1;
      if (left > 0) this.inFlight.set(address, left);
      else this.inFlight.delete(address);
    }
  }

  private turn(address: string): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(address) ?? [];
      queue.push(resolve);
      this.waiting.set(address, queue);
      this.waitingCount++;
    });
  }

  private start(address: string): void {
    this.running++;
    this.busy.add(address);
  }

  /** Frees the slot and gives it to the next address in turn that has nothing running. */
  private finished(address: string): void {
    this.running--;
    this.busy.delete(address);
    // The address that just had its turn goes to the back of the line.
    const own = this.waiting.get(address);
    if (own) {
      this.waiting.delete(address);
      this.waiting.set(address, own);
    }
    for (const [next, queue] of this.waiting) {
      if (this.running >= this.limits.concurrency) return;
      if (this.busy.has(next)) continue;
      const wake = queue.shift();
      // To the back of the line: the others take their turn first.
      this.waiting.delete(next);
      if (queue.length) this.waiting.set(next, queue);
      if (!wake) continue;
      this.waitingCount--;
      this.start(next);
      wake();
    }
  }
}
