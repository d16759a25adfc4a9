import { AppError, ErrorCode, type Conversation } from '@introserv/shared';
import type { Quotas } from '../config.js';
import { quotaSubject } from './quota-subject.js';
import type { LimitRule, QuotaCount, RateLimitStore } from './rate-limit.store.js';

/** Who an anonymous write is charged to: the client's address, the site it writes on, and whether the host page vouched for them. */
export interface QuotaSubject {
  address: string;
  siteId: string;
  /** A visitor `identify()` proved: site-wide quotas never refuse them. */
  verified: boolean;
}

/** What the chat service asks before it creates a visitor, stores a visitor's message or opens a conversation. */
export interface QuotaGate {
  /** Throws RATE_LIMITED when the quota of `kind` is spent for this subject. */
  take(kind: 'visitor' | 'message', who: QuotaSubject): Promise<void>;
  /**
   * Before a conversation is opened: its quotas, and a place in the queue for `conversationId`.
   * Throws RATE_LIMITED; `release()` gives both back when the open made no new conversation.
   */
  takeConversation(who: QuotaSubject, conversationId: string): Promise<{ release(): Promise<void> }>;
}

export const NO_QUOTAS: QuotaGate = { take: async () => {}, takeConversation: async () => ({ release: async () => {} }) };

export interface QuotaOptions {
  /**
   * Messages are counted in the store in batches this often (0: one store call per message,
   * before it is stored). A message then costs no store round trip of its own; the price is
   * that a quota is enforced from the next batch on, so a burst can pass it by what this
   * process admitted in one period.
   */
  messageBatchMs: number;
  /** A store call that failed outside a request (a batch, a queue place given back). */
  onError: (err: unknown) => void;
}

type Scope = 'ip' | 'site' | 'queue';
type Rule = LimitRule & { scope: Scope };

/**
 * Quotas on what anonymous visitors make the store keep, shared by every process: new
 * visitors, new conversations and messages per client address (an IPv6 client by its /64,
 * `quotaSubject`), and new visitors and conversations per site. An address cannot fill the
 * store or the operators' queue; the site-wide quotas cap what many addresses together can
 * cost, without turning the chat off:
 * - messages have no site-wide quota: nobody already chatting is refused for what others did;
 * - a verified visitor (`identify()`) is never refused by a site-wide quota;
 * - once a site-wide quota is spent, an address that has made nothing of that kind in the
 *   window still gets its first (a visitor, a conversation), so a real visitor can always
 *   start a chat; an attack then costs at most one conversation per address per window;
 * - an address may have at most `queuedPerIp` conversations waiting for an operator at once,
 *   so the queue cannot be all one attacker's.
 */
export class QuotaService implements QuotaGate {
  private readonly pending = new Map<string, QuotaCount & { limit: number }>();
  /** Keys over their quota at the last batch, until when they are refused without asking the store. */
  private readonly blocked = new Map<string, number>();
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<RateLimitStore, 'reserve' | 'add' | 'hold' | 'unhold'>,
    private readonly quotas: Quotas,
    private readonly onRefused: (kind: `${'visitor' | 'conversation' | 'message'}:${Scope}`) => void = () => {},
    private readonly now: () => number = Date.now,
    private readonly options: QuotaOptions = { messageBatchMs: 0, onError: () => {} },
  ) {}

  async take(kind: 'visitor' | 'message', who: QuotaSubject): Promise<void> {
    const rules = kind === 'visitor' ? this.creationRules('visitor', who) : this.messageRules(who);
    if (rules.length === 0) return;
    if (kind === 'message' && this.options.messageBatchMs > 0) {
      this.takeBatched(kind, rules);
      return;
    }
    const reserved = await this.store.reserve(rules, this.now());
    if (!reserved.ok) throw this.refuse(kind, rules[reserved.refusedBy]?.scope ?? 'ip');
  }

  async takeConversation(who: QuotaSubject, conversationId: string): Promise<{ release(): Promise<void> }> {
    const rules = this.creationRules('conversation', who);
    const reserved = rules.length ? await this.store.reserve(rules, this.now()) : null;
    if (reserved && !reserved.ok) throw this.refuse('conversation', rules[reserved.refusedBy]?.scope ?? 'ip');
    const slot = this.queueSlot(who);
    if (slot && !(await this.store.hold(slot, conversationId, this.now()))) {
      await reserved?.release();
      throw this.refuse('conversation', 'queue');
    }
    return {
      release: async () => {
        await Promise.all([reserved?.release(), slot ? this.store.unhold(slot.key, conversationId) : undefined]);
      },
    };
  }

  /**
   * The chat service's queue moves (app.ts passes them on, as a QueueObserver): a conversation
   * taken by an operator or closed while waiting gives its place back, on whichever process
   * saw it; one that came back to the queue (its operator left) holds one again, whatever the limit.
   */
  queueChanged(conversation: Conversation, how: 'joined' | 'served' | 'returned' | 'left'): void {
    const { queuedPerIp, perIp } = this.quotas.conversation;
    if (queuedPerIp <= 0 || how === 'joined') return;
    const key = queuedKey(conversation.visitor.ip);
    if (how === 'returned' && conversation.visitor.verified) return;
    const done = how === 'returned' ? this.store.hold({ key, limit: queuedPerIp, ttlMs: perIp.windowMs }, conversation.id, this.now(), true) : this.store.unhold(key, conversation.id);
    done.catch(this.options.onError);
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

  private takeBatched(kind: 'message', rules: Rule[]): void {
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

  /** New visitors and conversations: per address always; per site unless verified, and never for an address's first. */
  private creationRules(kind: 'visitor' | 'conversation', who: QuotaSubject): Rule[] {
    const { perIp, perSite } = this.quotas[kind];
    const rules: Rule[] = [];
    if (perIp.limit > 0) rules.push({ key: `${kind}:ip:${quotaSubject(who.address)}`, ...perIp, scope: 'ip' });
    if (perSite.limit > 0 && !who.verified) {
      const first = perIp.limit > 0 ? { exceptFirstOf: 0 } : {};
      rules.push({ key: `${kind}:site:${who.siteId}`, ...perSite, ...first, scope: 'site' });
    }
    return rules;
  }

  private messageRules(who: QuotaSubject): Rule[] {
    const { perIp } = this.quotas.message;
    return perIp.limit > 0 ? [{ key: `message:ip:${quotaSubject(who.address)}`, ...perIp, scope: 'ip' }] : [];
  }

  /** The address's places in the queue; none for a verified visitor. */
  private queueSlot(who: QuotaSubject): { key: string; limit: number; ttlMs: number } | null {
    const { queuedPerIp, perIp } = this.quotas.conversation;
    if (queuedPerIp <= 0 || who.verified) return null;
    // A place nobody gave back (a process died) frees itself after the conversation window.
    return { key: queuedKey(who.address), limit: queuedPerIp, ttlMs: perIp.windowMs };
  }

  private refuse(kind: 'visitor' | 'conversation' | 'message', scope: Scope): AppError {
    this.onRefused(`${kind}:${scope}`);
    const why = scope === 'queue' ? 'too many conversations from this address are waiting' : `too many ${kind}s from this ${scope === 'ip' ? 'address' : 'site'}`;
    return new AppError(ErrorCode.RateLimited, `${why}; try again later`);
  }
}

/** The queue places of a client address: the conversation keeps the address (as `visitor.ip`), so any process can give its place back. */
function queuedKey(address: string | null): string {
  return `queued:${quotaSubject(address)}`;
}
