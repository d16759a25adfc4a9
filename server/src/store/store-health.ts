import type { LogSampler } from '../log-sampler.js';
import { storeFailureKind } from './store-unavailable.js';

/**
 * Where store failures are told: one log line per kind per window (with a count), a metric,
 * and when the last one happened, so readiness can say "writes fail" without a probe of
 * its own. Shared by the socket commands, the HTTP error handler and the sweeps.
 */
export class StoreHealth {
  private lastFailureAt = 0;

  constructor(
    private readonly sampler: LogSampler,
    private readonly onFailure: (kind: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  failed(err: Error, context: Record<string, unknown> = {}): void {
    const kind = storeFailureKind(err);
    this.lastFailureAt = this.now();
    this.onFailure(kind);
    this.sampler.log('error', 'store unavailable', { ...context, kind, err: err.message }, `store:${kind}`);
  }

  /** Whether a store call failed within the last `ms`. */
  failedWithin(ms: number): boolean {
    return this.lastFailureAt > 0 && this.now() - this.lastFailureAt < ms;
  }
}
