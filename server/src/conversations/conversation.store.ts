import type { Attachment, Author, Conversation, ConversationStatus, Cursor, Language, Message, MessageKind, OperatorRef, PageInfo, Rating, SystemEvent } from '@introserv/shared';
import type { VisitorProfile } from './visitor.store.js';

/**
 * Conversations and their messages. Implementations: `MemoryConversationStore` (embedded
 * default) and `RedisConversationStore`; `conversation.contract.ts` is the suite both pass.
 * Opening, appending and closing are atomic: two processes racing on one conversation
 * cannot open it twice, store a message twice, or write after it closed.
 */
export interface ConversationStore {
  /** The visitor's open conversation, or a new queued one (linked to the visitor and enqueued). */
  open(input: NewConversation): Promise<{ conversation: Conversation; created: boolean }>;
  get(id: string): Promise<Conversation | null>;
  /** Newest first. */
  list(filter: { status?: ConversationStatus; limit: number }): Promise<Conversation[]>;
  /** The conversations assigned to this operator now. */
  ofOperator(operatorId: string): Promise<Conversation[]>;
  /** The visitor's conversations, newest first: the console's "previous conversations". */
  ofVisitor(visitorId: string, limit: number): Promise<Conversation[]>;

  /**
   * Appends a message once per client-made id: a resend returns the stored message with
   * `created: false`, even after the conversation closed. A new message is refused when
   * `onlyIfOpen` and the conversation is closed, and when `onlyIfAssignedTo` names an
   * operator who does not have it. Returns the conversation as it is after the append.
   */
  append(input: NewMessage): Promise<AppendOutcome>;
  /** Messages after `since` (exclusive), oldest first, at most `limit`. */
  messagesAfter(conversationId: string, since: Cursor | undefined, limit: number): Promise<Message[]>;
  /** The newest `limit` messages, oldest first: what a client without a cursor is shown. */
  recentMessages(conversationId: string, limit: number): Promise<Message[]>;

  /**
   * Closes an open conversation and records the `closed` event in its history, in one step:
   * no message can land between them. Frees the operator's slot.
   */
  close(input: CloseInput): Promise<CloseOutcome>;

  /** The visitor came back (`online`) or has been gone past the reload grace: updates their open conversation. */
  setVisitorOnline(visitorId: string, online: boolean, now: number): Promise<Conversation | null>;
  /** The visitor told their name or proved who they are: updates their open conversation. */
  setVisitorProfile(visitorId: string, profile: VisitorProfile): Promise<Conversation | null>;
  /** Open conversations whose visitor left before `before`, oldest first: candidates for the idle close. */
  idleSince(before: number, limit: number): Promise<string[]>;

  /**
   * Closed conversations that started within [from, to] and before `before` (exclusive),
   * newest first: the history without a search. Reads an index of closed conversations, never every conversation.
   */
  closedPage(filter: ClosedFilter): Promise<Conversation[]>;
  /** How many conversations are open (waiting or assigned) now. */
  countOpen(): Promise<number>;
  /** The visitor rates their conversation, open or closed (again: the last rating counts); null when it is not theirs. */
  setRating(conversationId: string, visitorId: string, rating: Rating): Promise<Conversation | null>;
}

export interface ClosedFilter {
  /** Started at or after (epoch ms). */
  from?: number;
  /** Started at or before (epoch ms). */
  to?: number;
  /** Started before (exclusive): the next page. */
  before?: number;
  limit: number;
}

export interface NewConversation {
  /** Used only when a conversation is created. */
  id: string;
  siteId: string;
  visitorId: string;
  language: Language;
  page: PageInfo;
  timeZone: string;
  department: string;
  now: number;
  /** Who the visitor is and where they connect from, as the conversation starts. */
  visitor: VisitorSnapshot;
  /** When given, a new conversation's history starts with a `queued` event (with its department) of this id, in the same step. */
  queuedEventId?: string;
}

export interface VisitorSnapshot extends VisitorProfile {
  userAgent: string | null;
  ip: string | null;
  country: string | null;
}

export interface NewMessage {
  conversationId: string;
  id: string;
  kind: MessageKind;
  author: Author;
  text: string;
  event?: SystemEvent;
  attachments?: Attachment[];
  onlyIfOpen?: boolean;
  /** An operator's message: refused unless this operator has the conversation (an admin may write in any). */
  onlyIfAssignedTo?: { operatorId: string; admin: boolean };
}

export type AppendOutcome =
  | {
      ok: true;
      message: Message;
      created: boolean;
      conversation: Conversation;
      /** The first text an operator wrote in the conversation (its first response). */
      firstReply?: boolean;
    }
  | { ok: false; reason: 'not_found' | 'closed' | 'not_assigned' };

export interface CloseInput {
  conversationId: string;
  /** Id of the `closed` system message. */
  eventId: string;
  by: 'operator' | 'visitor' | 'idle';
  operator: OperatorRef | null;
  now: number;
  /** The idle close: only if the visitor is still away since before this time. */
  onlyIfVisitorLeftBefore?: number;
  /** An operator's close: refused while a colleague has the conversation (an admin may close any). */
  onlyIfAssignedTo?: { operatorId: string; admin: boolean };
}

export type CloseOutcome =
  | { ok: true; conversation: Conversation; message: Message; freedOperatorId: string | null }
  | { ok: false; reason: 'not_found' | 'closed' | 'visitor_back' | 'taken' };

/** The conversation `open` stores: queued, its visitor online, nothing said yet (both stores build it so). */
export function newConversationRecord(input: NewConversation): Conversation {
  return {
    id: input.id,
    siteId: input.siteId,
    status: 'queued',
    department: input.department,
    language: input.language,
    visitor: { id: input.visitorId, page: input.page, timeZone: input.timeZone, online: true, seenAt: input.now, ...input.visitor },
    operator: null,
    createdAt: input.now,
    updatedAt: input.now,
    lastMessage: null,
  };
}
