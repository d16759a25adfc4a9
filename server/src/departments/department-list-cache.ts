import { BUILT_IN_DEPARTMENTS, type Department } from '@introserv/shared';
import type { DepartmentStore } from './department.store.js';

/**
 * The department list as page loads need it: read from the store at most once per
 * `ttlMs`, and when the store cannot answer (Redis down), the last list known (or the
 * built-in departments), so that an outage never hides the chat from a page.
 */
export class DepartmentListCache {
  private last: { list: Department[]; at: number } | null = null;

  constructor(
    private readonly store: Pick<DepartmentStore, 'list'>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Department[]> {
    if (this.last && this.now() - this.last.at < this.ttlMs) return this.last.list;
    try {
      this.last = { list: await this.store.list(), at: this.now() };
      return this.last.list;
    } catch {
      return this.last?.list ?? BUILT_IN_DEPARTMENTS.map((id) => ({ id, names: {} }));
    }
  }

  /** This process changed a department: the next read goes to the store. */
  forget(): void {
    this.last = null;
  }
}
