/**
 * Limits shared by every process: what a window admits (login failures, quotas, e-mails,
 * upload bytes), and slots held until given back (conversations waiting in the queue).
 * Implementations: `MemoryRateLimitStore`, `RedisRateLimitStore`; `rate-limit.contract.ts`.
 *
 * A limit is counted BEFORE the slow or costly step it guards (a password hash, a ticket, an
 * e-mail, a file written), in one atomic step: `reserve` admits and counts, or refuses and
 * counts nothing, so a burst sent in parallel is admitted exactly up to the limit. A step that
 * turns out to cost nothing (a login that succeeded, a write that failed, a resend) gives its
 * reservation back with `release()`.
 *
 * Windows slide, approximated from two fixed ones per key (this window's count plus the
 * previous one's, weighted by how much of it still overlaps): a key costs two counters
 * however many events it admits, and a weight (bytes) is as cheap as a count.
 */
export interface RateLimitStore {
  /**
   * Counts each rule's `cost` if every rule still admits it, in one atomic step; otherwise
   * counts nothing and says which rule refused (the first one, in order).
   */
  reserve(rules: readonly LimitRule[], now: number): Promise<Reservation>;
  /** Forgets a key's count (both windows): a successful login clears that account's failures from that address. */
  reset(rule: WindowRule, now: number): Promise<void>;
  /**
   * Counts `n` events per key at once, whatever the limits (a process's batch of them), and
   * returns each key's sliding-window estimate afterwards, in the same windows as `reserve`.
   */
  add(counts: readonly QuotaCount[], now: number): Promise<number[]>;
  /**
   * Holds one of `slot.limit` places under `slot.key` for `member` (a conversation waiting in
   * the queue), if one is free; `force` holds it even when none is (the member was already
   * counted once). Holding a member again only renews it. A place not given back with
   * `unhold` frees itself after `slot.ttlMs`, so a process that died cannot leak one for good.
   */
  hold(slot: SlotRule, member: string, now: number, force?: boolean): Promise<boolean>;
  unhold(key: string, member: string): Promise<void>;
}

/** A key counted in a sliding window. */
export interface WindowRule {
  key: string;
  windowMs: number;
}

export interface LimitRule extends WindowRule {
  /** Units admitted per window; `Infinity` counts without ever refusing (to read the count). */
  limit: number;
  /** What this reservation counts against the rule (bytes for a byte quota); 1 by default. */
  cost?: number;
  /**
   * The index (in the same call) of another rule that waives this one for its key's first
   * event: while that rule's count is below one, this rule does not refuse (it still counts).
   * A site-wide quota spent by an attack still lets an address that has made nothing in the
   * window make its first.
   */
  exceptFirstOf?: number;
}

export type Reservation =
  | {
      ok: true;
      /** Each rule's sliding estimate, this reservation included (as `reserve` counted it). */
      counts: number[];
      /** Gives the reservation back (uncounts it); a second call does nothing. */
      release(): Promise<void>;
    }
  | { ok: false; /** The index of the rule that refused. */ refusedBy: number };

export interface QuotaCount extends WindowRule {
  n: number;
}

export interface SlotRule {
  key: string;
  limit: number;
  /** A place not given back frees itself this long after it was last held. */
  ttlMs: number;
}

/** The fixed window `now` falls in, and how much of the previous one a sliding window still covers. */
export function windowOf(now: number, windowMs: number): { index: number; previousWeight: number } {
  return { index: Math.floor(now / windowMs), previousWeight: 1 - (now % windowMs) / windowMs };
}

/** Whether rule `i` admits `cost` more given every rule's estimate (the rules of one `reserve`). */
export function admits(rules: readonly LimitRule[], estimates: readonly number[], i: number): boolean {
  const rule = rules[i];
  if (!rule || !Number.isFinite(rule.limit)) return true;
  const first = rule.exceptFirstOf;
  if (first !== undefined && (estimates[first] ?? 0) < 1) return true;
  return (estimates[i] ?? 0) + (rule.cost ?? 1) <= rule.limit;
}

/** A `release` that runs its refund once, however often it is called. */
export function releaseOnce(refund: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= refund());
}
