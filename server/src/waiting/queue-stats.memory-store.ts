import { SERVED_KEPT, type QueueStatsStore } from './queue-stats.store.js';

export class MemoryQueueStatsStore implements QueueStatsStore {
  private readonly served = new Map<string, number[]>();

  async recordServed(department: string, at: number): Promise<void> {
    this.served.set(department, [at, ...(this.served.get(department) ?? [])].slice(0, SERVED_KEPT));
  }

  async recentServed(department: string, limit: number): Promise<number[]> {
    return (this.served.get(department) ?? []).slice(0, limit);
  }
}
