/** Limits the server enforces and the clients respect before sending. */
export const LIMITS = {
  messageTextMax: 5000,
  pageUrlMax: 2048,
  pageTitleMax: 300,
  historyPageMax: 200,
  /** Characters of a message kept as a conversation's list preview. */
  previewMax: 200,
  /** Characters of a visitor's draft sent for the operator's typing preview (the end of it). */
  typingPreviewMax: 500,
  /** Files on one message. */
  attachmentsPerMessage: 5,
  ratingCommentMax: 1000,
  greetingMax: 300,
  noticeMax: 500,
} as const;

/**
 * What a command costs against its connection's budget. Each class has its own token
 * bucket per connection, so a visitor who types fast does not lose the right to send.
 */
export const RATE_CLASSES = ['session', 'message', 'typing', 'read', 'control'] as const;
export type RateClass = (typeof RATE_CLASSES)[number];

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export interface BucketSpec {
  burst: number;
  perSecond: number;
}

export type RateLimits = Record<'visitor' | 'operator', Record<RateClass, BucketSpec>>;

/**
 * Default per-connection budgets. The server's Config carries a copy, so tests (and
 * operators of the service) can change them without touching the contract.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  visitor: {
    session: { burst: 5, perSecond: 0.5 },
    message: { burst: 10, perSecond: 1 },
    typing: { burst: 5, perSecond: 3 },
    read: { burst: 10, perSecond: 2 },
    control: { burst: 10, perSecond: 1 },
  },
  operator: {
    session: { burst: 10, perSecond: 1 },
    message: { burst: 30, perSecond: 5 },
    typing: { burst: 10, perSecond: 5 },
    read: { burst: 60, perSecond: 10 },
    control: { burst: 30, perSecond: 5 },
  },
};
