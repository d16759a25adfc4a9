import type { OperatorRecord, OperatorStore } from './operator.store.js';

/**
 * The operator as they are now, re-read rather than remembered from login, so that a
 * disabled operator, a new role or a new capacity takes effect without a reconnect. A
 * record is reused for `cacheMs` (a burst of commands costs one read), so a change reaches
 * other processes within that time.
 */
export class OperatorDirectory {
  private readonly cache = new Map<string, { record: OperatorRecord | null; at: number }>();

  constructor(
    private readonly store: Pick<OperatorStore, 'get'>,
    private readonly cacheMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<OperatorRecord | null> {
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.cacheMs) return hit.record;
    const record = await this.store.get(id);
    this.cache.set(id, { record, at: this.now() });
    // Bounded: one entry per operator of the deployment, dropped when stale.
    if (this.cache.size > 1000) this.cache.clear();
    return record;
  }

  /** This process changed the record: the next read goes to the store. */
  forget(id: string): void {
    this.cache.delete(id);
  }
}
