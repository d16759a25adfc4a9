import type { PageInfo } from '@introserv/shared';

/**
 * Visitors, known by the hash of the token their browser keeps, with what they told us
 * (pre-chat form) or what the host page proved (`identify`), and the pages they visited.
 * Implementations: `MemoryVisitorStore`, `RedisVisitorStore`; `visitor.contract.ts`.
 */
export interface VisitorStore {
  create(tokenHash: string, visitorId: string): Promise<void>;
  findByToken(tokenHash: string): Promise<VisitorRecord | null>;
  get(visitorId: string): Promise<VisitorRecord | null>;
  /** Sets the given fields and leaves the others; returns the visitor as it is now. */
  updateProfile(visitorId: string, profile: Partial<VisitorProfile>): Promise<VisitorRecord | null>;
  /** Notes a page view; the newest PAGES_KEPT are kept. */
  recordPage(visitorId: string, page: PageInfo, at: number): Promise<void>;
  /** The visitor's last page views, newest first. */
  pages(visitorId: string, limit: number): Promise<PageVisit[]>;
}

export interface VisitorProfile {
  name: string | null;
  email: string | null;
  /** A Client Area account proved by `identify()` with a valid HMAC. */
  verified: boolean;
  userId: string | null;
}

export interface VisitorRecord extends VisitorProfile {
  id: string;
  /** The visitor's latest conversation (open or closed), if any. */
  conversationId: string | null;
}

export interface PageVisit extends PageInfo {
  at: number;
}

/** How many page views a visitor record keeps. */
export const PAGES_KEPT = 20;

export const NO_PROFILE: VisitorProfile = { name: null, email: null, verified: false, userId: null };
