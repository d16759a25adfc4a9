import type {
  EscalationFailure,
  IncidentFields,
  Language,
  OperatorRef,
  RequesterKind,
  TicketDepartment,
  TicketPriority,
  TicketRef,
} from '@introserv/shared';

/**
 * The durable escalation outbox. An escalation is written here before any help desk is
 * called; a worker claims it, sends it and settles it. Implementations:
 * `MemoryEscalationStore`, `RedisEscalationStore`; `escalation.contract.ts` is the suite both
 * pass. Every transition is atomic and checks the state it starts from, so two processes can
 * never both send one entry, and one idempotency key never makes two entries.
 */
export interface EscalationStore {
  /**
   * Writes a new pending escalation, due at once. Once per idempotency key: the same key
   * returns the stored entry with `created: false`. With `known` (the number of escalations
   * of the conversation the requester was shown), a conversation that has a different number
   * by now is a conflict: someone else escalated it meanwhile.
   */
  create(record: EscalationRecord, guard: { known: number | null }): Promise<CreateOutcome>;
  get(id: string): Promise<EscalationRecord | null>;
  /** A conversation's escalations, oldest first. */
  ofConversation(conversationId: string): Promise<EscalationRecord[]>;
  /** Newest first; `attention`: only failed and unconfirmed ones. */
  list(filter: { attention?: boolean; limit: number }): Promise<EscalationRecord[]>;

  /** Ids due for an attempt at `now`: pending ones whose time came, and sending ones whose sender's claim ran out. */
  due(now: number, limit: number): Promise<string[]>;
  /**
   * Takes a due entry for sending: pending → sending (owned by `owner` until `until`), one
   * more attempt counted. A sending entry whose claim ran out is taken over and marked
   * `unclear` (its sender may have reached the help desk and died before it could say).
   * Null when the entry is not due or someone else has it.
   */
  claim(id: string, owner: string, now: number, until: number): Promise<EscalationRecord | null>;
  /** Ends an attempt: only the owner of a sending entry may. Null when the claim was lost meanwhile. */
  settle(id: string, owner: string, now: number, outcome: Settlement): Promise<EscalationRecord | null>;
  /**
   * An operator's deliberate retry: a failed or unconfirmed entry is pending again, due now,
   * with a fresh round of attempts. Other states come back unchanged with `changed: false`.
   */
  retry(id: string, now: number): Promise<{ record: EscalationRecord; changed: boolean } | null>;

  /** The worker's lease: one sender per deployment. True when `owner` holds it now (taken or renewed). */
  acquireLease(owner: string, ttlMs: number, now: number): Promise<boolean>;
  releaseLease(owner: string): Promise<void>;
}

export type CreateOutcome =
  | { ok: true; record: EscalationRecord; created: boolean }
  | { ok: false; reason: 'conflict' };

/** How an attempt ended. */
export type Settlement =
  | { state: 'created'; ticket: TicketRef; requester: RequesterKind }
  /** Another try later; `unclear`: look for the ticket before sending again. */
  | { state: 'pending'; nextAttemptAt: number; failure: EscalationFailure; unclear: boolean }
  | { state: 'failed' | 'unconfirmed'; failure: EscalationFailure };

/** `sending`: claimed by a worker (shown to operators as pending). */
export type OutboxState = 'pending' | 'sending' | 'created' | 'failed' | 'unconfirmed';

export interface EscalationRecord {
  id: string;
  idempotencyKey: string;
  conversationId: string | null;
  visitorId: string | null;
  source: 'operator' | 'visitor';
  marker: string;
  provider: string;
  department: TicketDepartment;
  priority: TicketPriority;
  subject: string;
  requester: RequesterKind;
  createdBy: OperatorRef | null;
  /** What the ticket is made of, as it was when the escalation was requested. */
  draft: TicketDraft;
  state: OutboxState;
  ticket: TicketRef | null;
  failure: EscalationFailure | null;
  /** Calls made to the help desk, over the entry's life. */
  attempts: number;
  /** `attempts` when the current round began (an operator's retry starts a new one). */
  roundStart: number;
  nextAttemptAt: number | null;
  /** The last attempt may have reached the help desk without an answer: look before sending again. */
  unclear: boolean;
  /** While sending: the process that sends, and until when its claim holds. */
  owner: string | null;
  sendingUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Who the ticket is for. A client is a Client Area account the host page proved (`identify()`). */
export type Requester =
  | { kind: 'client'; userId: string; name: string | null; email: string | null }
  | { kind: 'guest'; name: string; email: string };

/** The visitor as the ticket describes them. */
export interface VisitorFacts {
  name: string | null;
  email: string | null;
  verified: boolean;
  userId: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
  timeZone: string | null;
  userAgent: string | null;
  ip: string | null;
  country: string | null;
}

export interface TicketDraft {
  /** The visitor's language: the ticket's labels and transcripts are worded in it. */
  language: Language;
  department: TicketDepartment;
  priority: TicketPriority;
  subject: string;
  incident: IncidentFields;
  requester: Requester;
  visitor: VisitorFacts;
  /** The conversation's messages up to this cursor go with the ticket; null: none. */
  throughCursor: string | null;
  attachmentIds: string[];
  /** The visitor's own words, for a leave-a-message ticket. */
  message: string | null;
  requestedAt: number;
}
