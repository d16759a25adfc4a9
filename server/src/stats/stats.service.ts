import type { Dashboard, DurationSummary } from '@introserv/shared';
import type { ConversationStore } from '../conversations/conversation.store.js';
import type { Logger } from '../logger.js';
import { BUCKETS_MS, dayOf, emptyHistogram, type Histogram, type StatsStore } from './stats.store.js';

export interface StatsPorts {
  stats: StatsStore;
  conversations: Pick<ConversationStore, 'countOpen'>;
}

/** The live figures the dashboard shows beside the recorded ones; routing and presence know them. */
export interface LiveFigures {
  waiting(): Promise<number>;
  operatorsOnline(): Promise<number>;
}

const DAY_MS = 86_400_000;

/**
 * Records what the dashboard shows (the chat service calls it; a failure to record is
 * logged, never the chat's problem) and sums it up for the last 7 or 30 days.
 */
export class StatsService {
  constructor(
    private readonly ports: StatsPorts,
    private readonly live: LiveFigures,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  opened(conversation: { id: string; department: string; createdAt: number }): void {
    this.quietly(this.ports.stats.opened({ conversationId: conversation.id, department: conversation.department, createdAt: conversation.createdAt }));
  }

  /** Wait = first assignment − start. */
  assigned(conversation: { id: string; createdAt: number }, at: number): void {
    this.quietly(this.ports.stats.assigned({ conversationId: conversation.id, createdAt: conversation.createdAt, at }));
  }

  /** First response = first operator reply − start. */
  replied(conversation: { id: string; createdAt: number }, at: number): void {
    this.quietly(this.ports.stats.firstResponse({ conversationId: conversation.id, createdAt: conversation.createdAt, at }));
  }

  async dashboard(days: 7 | 30): Promise<Dashboard> {
    const today = this.now();
    const names = Array.from({ length: days }, (_, i) => dayOf(today - (days - 1 - i) * DAY_MS));
    const [rows, waiting, open, operatorsOnline] = await Promise.all([
      this.ports.stats.days(names),
      this.live.waiting(),
      this.ports.conversations.countOpen(),
      this.live.operatorsOnline(),
    ]);
    const perDepartment: Record<string, number> = {};
    const wait = emptyHistogram();
    const firstResponse = emptyHistogram();
    for (const row of rows) {
      for (const [dept, n] of Object.entries(row.byDepartment)) perDepartment[dept] = (perDepartment[dept] ?? 0) + n;
      merge(wait, row.wait);
      merge(firstResponse, row.firstResponse);
    }
    return {
      now: { waiting, active: Math.max(0, open - waiting), operatorsOnline },
      days,
      perDay: rows.map((r) => ({ day: r.day, chats: r.chats, byDepartment: r.byDepartment })),
      perDepartment,
      wait: summarize(wait),
      firstResponse: summarize(firstResponse),
    };
  }

  private quietly(p: Promise<void>): void {
    p.catch((err: unknown) => this.log.warn({ err }, 'recording a statistic failed'));
  }
}

function merge(into: Histogram, h: Histogram): void {
  into.count += h.count;
  into.sumMs += h.sumMs;
  into.maxMs = Math.max(into.maxMs, h.maxMs);
  h.buckets.forEach((n, i) => (into.buckets[i] = (into.buckets[i] ?? 0) + n));
}

/**
 * Mean, and p90 as the upper bound of the bucket the 90th percentile falls in (never above
 * the largest value seen, so a quiet day of 3-second waits does not read "5 s").
 */
export function summarize(h: Histogram): DurationSummary {
  if (h.count === 0) return { count: 0, averageMs: null, p90Ms: null };
  const rank = Math.ceil(h.count * 0.9);
  let seen = 0;
  let p90 = h.maxMs;
  for (let i = 0; i < h.buckets.length; i++) {
    seen += h.buckets[i] ?? 0;
    if (seen >= rank) {
      p90 = Math.min(BUCKETS_MS[i] ?? Infinity, h.maxMs);
      break;
    }
  }
  return { count: h.count, averageMs: Math.round(h.sumMs / h.count), p90Ms: p90 };
}
