import { TokenBucket } from './token-bucket.js';

/**
 * One connection's budget for every packet it sends, whatever it is (a command, an unknown
 * event, a ping, a namespace connect): checked before and apart from the per-class command
 * buckets, so nothing a client sends is free. A connection that keeps sending while refused
 * (more than `maxRefusedPerSecond` refusals within a second) is to be cut.
 */
export class PacketBudget {
  private readonly bucket: TokenBucket;
  private refused = 0;
  private refusedSince = 0;
  /** Whether the packet being handled now was admitted (read by the namespaces' middleware). */
  admitted = true;

  constructor(
    spec: { burst: number; perSecond: number },
    private readonly maxRefusedPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = new TokenBucket(spec.burst, spec.perSecond, now);
  }

  /** Counts one packet: `ok`, `refused` (over budget), or `cut` (refused too often: close the connection). */
  take(): 'ok' | 'refused' | 'cut' {
    this.admitted = this.bucket.take();
    if (this.admitted) return 'ok';
    const t = this.now();
    if (t - this.refusedSince >= 1_000) {
      this.refusedSince = t;
      this.refused = 0;
    }
    return ++this.refused > this.maxRefusedPerSecond ? 'cut' : 'refused';
  }
}
