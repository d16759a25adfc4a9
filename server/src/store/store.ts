import type { Author, Conversation, ConversationStatus, Cursor, Language, Message, Operator, PageInfo } from '@introserv/shared';

/**
 * Everything the server keeps, behind one interface: `MemoryStore` (embedded default, one
 * process, nothing durable) and `RedisStore` (production, shared by every process).
 * Every method that decides something two processes could race on (opening a
 * conversation, assigning it, appending a message) is atomic in both.
 * `store.contract.ts` is the one test suite both implementations pass.
 */
export interface Store {
  readonly kind: 'memory' | 'redis';
  ping(): Promise<void>;
  close(): Promise<void>;

  createVisitor(tokenHash: string, visitorId: string): Promise<void>;
  findVisitor(tokenHash: string): Promise<VisitorRecord | null>;

  /** The visitor's open conversation, or a new queued one (linked to the visitor and enqueued). */
  openConversation(input: NewConversation): Promise<{ conversation: Conversation; created: boolean }>;
  getConversation(id: string): Promise<Conversation | null>;
  /** Newest first. */
  listConversations(filter: { status?: ConversationStatus; limit: number }): Promise<Conversation[]>;
  /** The conversations assigned to this operator now. */
  operatorConversations(operatorId: string): Promise<Conversation[]>;

  /**
   * Appends a message once per client-made id: a resend returns the stored message with
   * `created: false`, even after the conversation closed. A new message to a closed
   * conversation is refused when `input.onlyIfOpen`. Returns the conversation as it is
   * after the append, so callers need no second read.
   */
  appendMessage(input: NewMessage): Promise<AppendOutcome>;
  /** Messages after `since` (exclusive), oldest first, at most `limit`. */
  listMessages(conversationId: string, since: Cursor | undefined, limit: number): Promise<Message[]>;
  /** The newest `limit` messages, oldest first: what a client without a cursor is shown. */
  recentMessages(conversationId: string, limit: number): Promise<Message[]>;

  saveOperator(operator: OperatorRecord): Promise<void>;
  getOperator(id: string): Promise<OperatorRecord | null>;
  findOperatorByEmail(email: string): Promise<OperatorRecord | null>;
  countOperators(): Promise<number>;

  putSession(key: string, session: SessionRecord, ttlMs: number): Promise<void>;
  getSession(key: string): Promise<SessionRecord | null>;
  deleteSession(key: string): Promise<void>;

  /**
   * Renews this process's lease. Connections are counted per process, and the counts of a
   * process whose lease lapsed (it crashed, or lost Redis) stop counting.
   */
  heartbeat(ttlMs: number): Promise<void>;
  /** Counts one more live connection of the operator (on this process) and makes them available to routing. */
  operatorConnected(operatorId: string, capacity: number): Promise<void>;
  /** Counts one connection fewer; returns how many remain across all live processes (at 0 the operator is away from `now`). */
  operatorDisconnected(operatorId: string, now: number): Promise<number>;
  /**
   * If the operator has had no live connection for `graceMs`, takes them out of routing and
   * puts their assigned conversations back in the queue; returns those conversations' ids,
   * or null while the operator is connected or within the grace period. An operator whose
   * connections all died with their process is away from the first call that notices.
   */
  releaseOperatorIfGone(operatorId: string, now: number, graceMs: number): Promise<string[] | null>;
  /** Atomically gives the oldest conversation in `queue` to the least busy operator with free capacity. */
  assignNext(queue: string, now: number): Promise<Assignment | null>;
  /** An operator takes a conversation by hand; idempotent for the operator who has it. */
  acceptConversation(conversationId: string, operatorId: string, now: number): Promise<AcceptOutcome>;
  closeConversation(conversationId: string, now: number): Promise<Conversation | null>;
  /** Operator id → number of assigned open conversations, for online operators only. */
  operatorLoads(): Promise<Map<string, number>>;

  /** Counts a hit in a fixed window; returns the count so far in this window. */
  hit(key: string, windowMs: number): Promise<number>;
}

export interface VisitorRecord {
  id: string;
  /** The visitor's latest conversation (open or closed), if any. */
  conversationId: string | null;
}

export interface NewConversation {
  /** Used only when a conversation is created. */
  id: string;
  siteId: string;
  visitorId: string;
  language: Language;
  page: PageInfo;
  timeZone: string;
  queue: string;
  now: number;
}

export interface NewMessage {
  conversationId: string;
  id: string;
  author: Author;
  text: string;
  onlyIfOpen?: boolean;
}

export type AppendOutcome =
  | { ok: true; message: Message; created: boolean; conversation: Conversation }
  | { ok: false; reason: 'not_found' | 'closed' };

export interface OperatorRecord extends Operator {
  passwordHash: string;
}

export interface SessionRecord {
  operatorId: string;
  csrfToken: string;
}

export interface Assignment {
  conversationId: string;
  operatorId: string;
}

export type AcceptOutcome =
  | { ok: true; conversation: Conversation; changed: boolean }
  | { ok: false; reason: 'not_found' | 'taken' | 'closed' };

/** The queue every conversation waits in until routing learns departments and languages. */
export const DEFAULT_QUEUE = 'general';
