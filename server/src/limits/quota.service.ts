import { AppError, ErrorCode } from '@introserv/shared';
import type { QuotaKind, Quotas } from '../config.js';
import type { QuotaCheck, RateLimitStore } from './rate-limit.store.js';

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
export class QuotaService implements QuotaGate {
  constructor(
    private readonly store: Pick<RateLimitStore, 'consume'>,
    private readonly quotas: Quotas,
    private readonly onRefused: (kind: `${QuotaKind}:${'ip' | 'site'}`) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  async take(kind: QuotaKind, who: QuotaSubject): Promise<void> {
    const { perIp, perSite } = this.quotas[kind];
    const rules: QuotaCheck[] = [];
    const scopes: ('ip' | 'site')[] = [];
    if (perIp.limit > 0) {
      rules.push({ key: `${kind}:ip:${who.address}`, ...perIp });
      scopes.push('ip');
    }
    if (perSite.limit > 0) {
      rules.push({ key: `${kind}:site:${who.siteId}`, ...perSite });
      scopes.push('site');
    }
    if (rules.length === 0) return;
    const refused = await this.store.consume(rules, this.now());
    if (refused < 0) return;
    const scope = scopes[refused] ?? 'ip';
    this.onRefused(`${kind}:${scope}`);
    throw new AppError(ErrorCode.RateLimited, `too many new ${kind}s from this ${scope === 'ip' ? 'address' : 'site'}; try again later`);
  }
}
