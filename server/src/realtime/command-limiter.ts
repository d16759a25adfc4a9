import { RATE_CLASSES, type BucketSpec, type RateClass } from '@introserv/shared';
import { TokenBucket } from './token-bucket.js';

/**
 * One token bucket per rate class for one connection: a visitor who types fast keeps the
 * right to send. Kept in the process because a socket lives on one process: no Redis
 * round trip per event.
 */
export class CommandLimiter {
  private readonly buckets: Record<RateClass, TokenBucket>;

  constructor(spec: Record<RateClass, BucketSpec>, now: () => number = Date.now) {
    this.buckets = Object.fromEntries(RATE_CLASSES.map((c) => [c, new TokenBucket(spec[c].burst, spec[c].perSecond, now)])) as Record<RateClass, TokenBucket>;
  }

  take(rateClass: RateClass): boolean {
    return this.buckets[rateClass].take();
  }
}
