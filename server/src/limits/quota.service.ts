import { AppError, ErrorCode } from '@introserv/shared';
import type { QuotaKind, Quotas } from '../config.js';
import type { QuotaCheck, QuotaCount, RateLimitStore } from './rate-limit.store.js';

/** Who an anonymous write is charged to: the client's address and the site it writes on. */
export interface QuotaSubject {
  address: string;
  siteId: string;
}

/** What the chat service asks before it creates a visitor, opens a conversation or stores a visitor's message. */
export interface QuotaGate {
  /** Throws RATE_LIMITED when the address's or the site's quota of `kind` is spent. */
  take(kind: QuotaKind, who: QuotaSubject): Promise<void>;
}

export const NO_QUOTAS: QuotaGate = { take: async () => {} };

/**
 * Quotas on what anonymous visitors make the store keep, shared by every process (sliding
 * windows in the RateLimitStore): new visitors, new conversations and messages, each per
 * client address and per site. An address cannot fill the store or the operators' queue,
 * and neither can many addresses on one site; other sites are untouched.
 */
export interface QuotaOptions {
  /**
   * Messages are counted in the store in batches this often (0: one store call per message,
   * before it is stored). A message then costs no store round trip of its own; the price is
   * that a quota is enforced from the next batch on, so a burst can pass it by what this
   * process admitted in one period.
   */
  messageBatchMs: number;
  /** A batch the store did not take (it is down: the messages were refused anyway). */
  onError: (err: unknown) => void;
}

type Scope = 'ip' | 'site';
type Rule = QuotaCheck & { scope: Scope };

export class QuotaService implements QuotaGate {
  private readonly pending = new Map<string, QuotaCount & { limit: number }>();
  /** Keys over their quota at the last batch, until when they are refused without asking the store. */
  private readonly blocked = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<RateLimitStore, 'consume' | 'add'>,
    private readonly quotas: Quotas,
    private readonly onRefused: (kind: `${QuotaKind}:${Scope}`) => void = () => {},
    private readonly now: () => number = Date.now,
    private readonly options: QuotaOptions = { messageBatchMs: 0, onError: () => {} },
  ) {}

  async take(kind: QuotaKind, who: QuotaSubject): Promise<void> {
    const rules = this.rulesOf(kind, who);
    if (rules.length === 0) return;
    if (kind === 'message' && this.options.messageBatchMs > 0) {
      this.takeBatched(kind, rules);
      return;
    }
    const refused = await this.store.consume(rules, this.now());
    if (refused >= 0) throw this.refuse(kind, rules[refused]?.scope ?? 'ip');
  }

  /** Counts what is pending now (tests call it; a timer does otherwise). */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (batch.length === 0) return;
    const now = this.now();
    const estimates = await this.store.add(batch, now);
    batch.forEach((q, i) => {
      // Over: refused locally for a while, then the next batch looks again.
      if ((estimates[i] ?? 0) >= q.limit) this.blocked.set(q.key, now + Math.min(q.windowMs / 20, 3_000));
    });
  }

  private takeBatched(kind: QuotaKind, rules: Rule[]): void {
    const now = this.now();
    for (const r of rules) {
      const until = this.blocked.get(r.key);
      if (until === undefined) continue;
      if (until > now) throw this.refuse(kind, r.scope);
      this.blocked.delete(r.key);
    }
    for (const r of rules) {
      const p = this.pending.get(r.key);
      if (p) p.n++;
      else this.pending.set(r.key, { key: r.key, windowMs: r.windowMs, limit: r.limit, n: 1 });
    }
    this.flushTimer ??= setTimeout(() => {
      this.flush().catch(this.options.onError);
    }, this.options.messageBatchMs).unref();
  }

  private rulesOf(kind: QuotaKind, who: QuotaSubject): Rule[] {
    const { perIp, perSite } = this.quotas[kind];
    const rules: Rule[] = [];
    if (perIp.limit > 0) rules.push({ key: `${kind}:ip:${who.address}`, ...perIp, scope: 'ip' });
    if (perSite.limit > 0) rules.push({ key: `${kind}:site:${who.siteId}`, ...perSite, scope: 'site' });
    return rules;
  }

  private refuse(kind: QuotaKind, scope: Scope): AppError {
    this.onRefused(`${kind}:${scope}`);
    return new AppError(ErrorCode.RateLimited, `too many ${kind}s from this ${scope === 'ip' ? 'address' : 'site'}; try again later`);
  }
}
