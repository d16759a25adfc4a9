import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  AppError,
  ErrorCode,
  LIMITS,
  type Conversation,
  type ConversationWatch,
  type Message,
  type OperatorMessageSend,
  type VisitorConversation,
  type VisitorHello,
  type VisitorHelloResult,
  type VisitorMessageSend,
} from '@introserv/shared';
import type { Logger } from '../logger.js';
import type { Broadcaster } from '../realtime/broadcaster.js';
import type { Router } from '../routing/router.js';
import { DEFAULT_QUEUE, type AppendOutcome, type NewMessage, type OperatorRecord, type Store } from '../store/store.js';

/** What the server remembers about a visitor's connection after `hello`. */
export interface VisitorSession {
  visitorId: string;
  siteId: string;
  hello: VisitorHello;
  /** The conversation this connection last wrote to or resumed; lets a message skip the open step. */
  conversationId: string | null;
}

/**
 * The conversation rules, independent of transport: the socket handlers and the HTTP
 * routers call these, and these call the store, routing and the broadcaster.
 */
export class ChatService {
  constructor(
    private readonly store: Store,
    private readonly router: Router,
    private readonly broadcaster: Broadcaster,
    private readonly log: Logger,
  ) {}

  /** Resumes the visitor the token names, or makes a new visitor (and token). */
  async hello(input: VisitorHello): Promise<{ session: VisitorSession; result: VisitorHelloResult }> {
    let token = input.visitorToken;
    let visitor = token ? await this.store.findVisitor(hashToken(token)) : null;
    if (!token || !visitor) {
      token = randomBytes(32).toString('base64url');
      const id = `v_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await this.store.createVisitor(hashToken(token), id);
      visitor = { id, conversationId: null };
    }
    const conversation = visitor.conversationId ? await this.store.getConversation(visitor.conversationId) : null;
    const messages = conversation ? await this.history(conversation.id, input.since) : [];
    return {
      session: { visitorId: visitor.id, siteId: input.siteId, hello: input, conversationId: conversation?.id ?? null },
      result: { visitorToken: token, visitorId: visitor.id, conversation: conversation && toVisitorView(conversation), messages },
    };
  }

  /** The visitor writes; the first message (or the first after a close) opens a conversation. */
  async visitorSend(session: VisitorSession, input: VisitorMessageSend): Promise<{ message: Message; conversation: Conversation; opened: boolean }> {
    const author = { kind: 'visitor' } as const;
    if (session.conversationId) {
      // The common case, one store round trip: append to the conversation already open.
      const outcome = await this.append({ conversationId: session.conversationId, id: input.id, author, text: input.text, onlyIfOpen: true });
      if (outcome.ok) return { message: outcome.message, conversation: outcome.conversation, opened: false };
    }
    const { hello } = session;
    const { conversation, created } = await this.store.openConversation({
      id: `c_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      siteId: session.siteId,
      visitorId: session.visitorId,
      language: hello.language,
      page: hello.page,
      timeZone: hello.timeZone,
      queue: DEFAULT_QUEUE,
      now: Date.now(),
    });
    session.conversationId = conversation.id;
    if (created) {
      this.log.info({ conversationId: conversation.id, visitorId: session.visitorId }, 'conversation opened');
      this.broadcaster.visitorOpened(session.visitorId, conversation.id);
      // Route before appending, so the operator who gets it is in the room for the first message.
      await this.router.drain(conversation.queue);
    }
    const outcome = await this.append({ conversationId: conversation.id, id: input.id, author, text: input.text });
    if (!outcome.ok) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    return { message: outcome.message, conversation: outcome.conversation, opened: created };
  }

  async operatorSend(operator: OperatorRecord, input: OperatorMessageSend): Promise<Message> {
    let conversation = await this.mustGet(input.conversationId);
    if (conversation.status === 'closed') throw new AppError(ErrorCode.ConversationClosed, 'conversation is closed');
    if (conversation.status === 'queued') {
      // Answering a waiting visitor takes the conversation, as in every helpdesk.
      conversation = await this.accept(operator, conversation.id);
    } else if (conversation.operator?.id !== operator.id && operator.role !== 'admin') {
      throw new AppError(ErrorCode.ConversationTaken, 'another operator has this conversation');
    }
    const outcome = await this.append({
      conversationId: conversation.id,
      id: input.id,
      author: { kind: 'operator', id: operator.id, name: operator.name },
      text: input.text,
    });
    if (!outcome.ok) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    return outcome.message;
  }

  async accept(operator: OperatorRecord, conversationId: string): Promise<Conversation> {
    const outcome = await this.store.acceptConversation(conversationId, operator.id, Date.now());
    if (!outcome.ok) {
      if (outcome.reason === 'not_found') throw new AppError(ErrorCode.NotFound, 'no such conversation');
      if (outcome.reason === 'closed') throw new AppError(ErrorCode.ConversationClosed, 'conversation is closed');
      throw new AppError(ErrorCode.ConversationTaken, 'another operator has this conversation');
    }
    if (outcome.changed) {
      this.broadcaster.conversationAssigned(outcome.conversation);
      this.log.info({ conversationId, operatorId: operator.id }, 'conversation accepted');
    }
    return outcome.conversation;
  }

  async watch(input: ConversationWatch): Promise<{ conversation: Conversation; messages: Message[] }> {
    const conversation = await this.mustGet(input.conversationId);
    return { conversation, messages: await this.history(conversation.id, input.since) };
  }

  async close(operator: OperatorRecord, conversationId: string): Promise<Conversation> {
    const current = await this.mustGet(conversationId);
    if (current.status === 'assigned' && current.operator?.id !== operator.id && operator.role !== 'admin') {
      throw new AppError(ErrorCode.ConversationTaken, 'another operator has this conversation');
    }
    const closed = await this.store.closeConversation(conversationId, Date.now());
    if (!closed) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    this.broadcaster.conversationUpdated(closed);
    this.log.info({ conversationId, operatorId: operator.id }, 'conversation closed');
    // The operator has room for one more.
    await this.router.drain(closed.queue);
    return closed;
  }

  async list(status?: Conversation['status']): Promise<Conversation[]> {
    return this.store.listConversations({ status, limit: 200 });
  }

  async messages(conversationId: string, since: string | undefined): Promise<Message[]> {
    await this.mustGet(conversationId);
    return this.history(conversationId, since);
  }

  /** After a cursor: what was missed. Without one: the latest page, not the first. */
  private history(conversationId: string, since: string | undefined): Promise<Message[]> {
    return since
      ? this.store.listMessages(conversationId, since, LIMITS.historyPageMax)
      : this.store.recentMessages(conversationId, LIMITS.historyPageMax);
  }

  /** Stores a message and, the first time only, tells the rooms. */
  private async append(input: NewMessage): Promise<AppendOutcome> {
    const outcome = await this.store.appendMessage(input);
    if (outcome.ok && outcome.created) {
      this.broadcaster.messageCreated(outcome.message);
      this.broadcaster.conversationTouched(outcome.conversation);
    }
    return outcome;
  }

  private async mustGet(id: string): Promise<Conversation> {
    const c = await this.store.getConversation(id);
    if (!c) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    return c;
  }
}

/** Tokens are stored hashed: the store alone cannot impersonate a visitor. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function toVisitorView(c: Conversation): VisitorConversation {
  return { id: c.id, status: c.status, operator: c.operator ? { name: c.operator.name } : null };
}
