import { bucketOf, dayOf, emptyHistogram, type DayStats, type Histogram, type StatsStore } from './stats.store.js';

export class MemoryStatsStore implements StatsStore {
  private readonly byDay = new Map<string, DayStats>();
  /** Conversation → which measures it has given ('o' opened, 'w' wait, 'r' first response). */
  private readonly counted = new Map<string, Set<string>>();

  private once(conversationId: string, measure: string): boolean {
    let marks = this.counted.get(conversationId);
    if (!marks) this.counted.set(conversationId, (marks = new Set()));
    if (marks.has(measure)) return false;
    marks.add(measure);
    return true;
  }

  private day(ms: number): DayStats {
    const day = dayOf(ms);
    let d = this.byDay.get(day);
    if (!d) this.byDay.set(day, (d = { day, chats: 0, byDepartment: {}, wait: emptyHistogram(), firstResponse: emptyHistogram() }));
    return d;
  }

  async opened({ conversationId, department, createdAt }: { conversationId: string; department: string; createdAt: number }): Promise<void> {
    if (!this.once(conversationId, 'o')) return;
    const d = this.day(createdAt);
    d.chats++;
    d.byDepartment[department] = (d.byDepartment[department] ?? 0) + 1;
  }

  async assigned({ conversationId, createdAt, at }: { conversationId: string; createdAt: number; at: number }): Promise<void> {
    if (this.once(conversationId, 'w')) add(this.day(createdAt).wait, at - createdAt);
  }

  async firstResponse({ conversationId, createdAt, at }: { conversationId: string; createdAt: number; at: number }): Promise<void> {
    if (this.once(conversationId, 'r')) add(this.day(createdAt).firstResponse, at - createdAt);
  }

  async days(days: readonly string[]): Promise<DayStats[]> {
    return days.map((day) => structuredClone(this.byDay.get(day) ?? { day, chats: 0, byDepartment: {}, wait: emptyHistogram(), firstResponse: emptyHistogram() }));
  }
}

function add(h: Histogram, ms: number): void {
  const v = Math.max(0, ms);
  h.count++;
  h.sumMs += v;
  h.maxMs = Math.max(h.maxMs, v);
  h.buckets[bucketOf(v)] = (h.buckets[bucketOf(v)] ?? 0) + 1;
}
