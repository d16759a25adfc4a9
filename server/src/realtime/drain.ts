/**
 * Commands being handled right now, so that a shutdown lets them finish (their writes land
 * and their acks go out) before the connections close; once draining, new commands are
 * refused (retryable) instead of started.
 */
export class Drain {
  private running = 0;
  private waiters: (() => void)[] = [];
  draining = false;

  begin(): void {
    this.running++;
  }

  end(): void {
    this.running--;
    if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  get inFlight(): number {
    return this.running;
  }

  /** Stops new commands and resolves when the running ones have finished, or after `ms`. */
  async drain(ms: number): Promise<boolean> {
    this.draining = true;
    if (this.running === 0) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
