import { randomBytes, randomUUID } from 'node:crypto';
import { hashVisitorToken } from '../auth/visitor-token.js';
import {
  AppError,
  DEFAULT_DEPARTMENT,
  ErrorCode,
  LIMITS,
  visibleToVisitor,
  type Attachment,
  type Conversation,
  type ConversationRate,
  type ConversationTransfer,
  type ConversationWatch,
  type Message,
  type OperatorMessageSend,
  type OperatorMessageSendWithFiles,
  type OperatorTyping,
  type ReceiptInput,
  type VisitorConversation,
  type VisitorTyping,
  type VisitorHello,
  type VisitorHelloResult,
  type VisitorMessageSend,
} from '@introserv/shared';
import type { AppendOutcome, ConversationStore, NewMessage, VisitorSnapshot } from '../conversations/conversation.store.js';
import type { RetentionStore } from '../conversations/retention.store.js';
import { PAGES_KEPT, type PageVisit, type VisitorProfile, type VisitorRecord, type VisitorStore } from '../conversations/visitor.store.js';
import type { DepartmentStore } from '../departments/department.store.js';
import { NO_QUOTAS, type QuotaGate, type QuotaSubject } from '../limits/quota.service.js';
import type { Logger } from '../logger.js';
import type { OperatorRecord } from '../operators/operator.store.js';
import type { PresenceStore } from '../presence/presence.store.js';
import { newEventId, type RoutingListener, type RoutingService } from '../routing/routing.service.js';
import type { Routed, RoutingStore } from '../routing/routing.store.js';
import type { Broadcaster } from './broadcaster.js';
import { verifyIdentity } from './identity.js';
import type { QueueObserver } from './queue-observer.js';
import type { AttachmentService } from '../attachments/attachment.service.js';
import type { ReceiptStore } from '../receipts/receipt.store.js';

/** Where a visitor connection comes from (browser, address, country), from its handshake. */
export interface ConnectionContext {
  /** What quotas charge: the client's address (behind TRUST_PROXY proxies, the forwarded one). */
  address: string;
  userAgent: string | null;
  /** For display: the address without an IPv4-mapped prefix. */
  ip: string | null;
  country: string | null;
}

/** What the server keeps about one visitor connection after its `hello`. */
export interface VisitorConnection {
  visitorId: string;
  siteId: string;
  /** The client's address (behind TRUST_PROXY proxies, the forwarded one): what quotas charge. */
  address: string;
  hello: VisitorHello;
  /** Who the visitor is and where they connect from: copied into a conversation they open. */
  visitor: VisitorSnapshot;
  /** The department a conversation opened now goes to (checked to exist). */
  department: string;
  /** The conversation this connection last wrote to or resumed; lets a message skip the open step. */
  conversationId: string | null;
  /** The transport's id for this connection: its own messages come back in the ack, not as an echo. */
  connectionId?: string | undefined;
  /** A conversation this connection is opening now: messages sent meanwhile go into it. */
  opening?: Promise<Conversation> | undefined;
}

export interface ChatPorts {
  conversations: ConversationStore;
  visitors: VisitorStore;
  presence: PresenceStore;
  routing: RoutingStore;
  departments: Pick<DepartmentStore, 'get'>;
  /** Each hello renews the visitor's retention (their token expires after RETENTION_DAYS unseen). */
  retention?: Pick<RetentionStore, 'touchVisitor'>;
  receipts: ReceiptStore;
  /** Ties uploaded files to the message that carries them; without it, messages with files are refused. */
  files?: Pick<AttachmentService, 'bind' | 'assertBindable'>;
}

export interface ChatTimings {
  /** A visitor gone for less than this (a reload, a new tab) has not left. */
  visitorGraceMs: number;
  /** An open conversation whose visitor has been gone this long closes by itself. */
  idleCloseMs: number;
}

export interface ChatSettings extends ChatTimings {
  /** The site's secret for `identify()` hashes; without one, nobody is verified. */
  identitySecret: string | undefined;
}

/** Hears the moments the service-level metrics measure (wait time, first response). */
export interface ChatObserver {
  /** An operator got the conversation (routing or accept) at `at`. */
  assigned(conversation: Conversation, at: number): void;
  /** The operator's first text in the conversation, at `at`. */
  firstReply(conversation: Conversation, at: number): void;
}

/** Idle conversations closed per sweep, so one sweep stays short. */
const IDLE_BATCH = 100;

/** What the chat service reports for the dashboard (the stats service implements it). */
export interface ChatRecorder {
  opened(conversation: Conversation): void;
  /** Its first assignment is the end of the wait; later ones are ignored by the recorder. */
  assigned(conversation: Conversation, at: number): void;
  /** Its first operator reply; later ones are ignored by the recorder. */
  replied(conversation: Conversation, at: number): void;
}

/** Where closed conversations become searchable (the history service implements it). */
export interface ChatIndexer {
  indexClosed(conversationId: string): void;
}

export interface ChatCollaborators {
  recorder?: ChatRecorder;
  indexer?: ChatIndexer;
}

/** A transcript shows at most this many messages. */
const TRANSCRIPT_MESSAGES_MAX = 5_000;

/** Earlier conversations shown in the visitor panel. */
const VISITOR_CONVERSATIONS_SHOWN = 20;

/** Conversations whose first reply was reported by this process: later replies skip the store. */
const REPLIED_REMEMBERED = 10_000;

/**
 * The conversation rules, independent of transport: the socket handlers and the HTTP
 * routers call these, and these call the stores, routing and the broadcaster.
 */
export class ChatService implements RoutingListener {
  private sweepTimer: NodeJS.Timeout | undefined;
  private observer: ChatObserver | undefined;
  private readonly replied = new Set<string>();
  private queue: QueueObserver = { queueChanged: () => {} };

  constructor(
    private readonly ports: ChatPorts,
    private readonly routing: RoutingService,
    private readonly broadcaster: Broadcaster,
    private readonly log: Logger,
    private readonly timings: ChatSettings,
    private readonly now: () => number = Date.now,
    /** Quotas on new visitors, conversations and messages per address and site. */
    private readonly quotas: QuotaGate = NO_QUOTAS,
    private readonly collaborators: ChatCollaborators = {},
  ) {}

  observe(observer: ChatObserver): void {
    this.observer = observer;
  }

  /**
   * Resumes the visitor the token names, or makes a new visitor (and token). Takes what
   * the visitor typed (pre-chat) and what the host page proved (`identify`), notes the page,
   * and says whether an operator could take a chat now. `connectionId`: the transport's id of
   * this connection, whose own messages come back in their ack rather than as an echo.
   */
  async hello(
    input: VisitorHello,
    context: ConnectionContext = NO_CONTEXT,
    connectionId?: string,
  ): Promise<{ connection: VisitorConnection; result: VisitorHelloResult; conversation: Conversation | null }> {
    const now = this.now();
    const { address } = context;
    let token = input.visitorToken;
    let visitor = token ? await this.ports.visitors.findByToken(hashVisitorToken(token)) : null;
    const identity = input.identity ? (verifyIdentity(input.identity, this.timings.identitySecret) ? 'verified' : 'refused') : null;
    if (!token || !visitor) {
      await this.quotas.take('visitor', { address, siteId: input.siteId, verified: identity === 'verified' });
      token = randomBytes(32).toString('base64url');
      const id = `v_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      await this.ports.visitors.create(hashVisitorToken(token), id);
      visitor = { id, conversationId: null, name: null, email: null, verified: false, userId: null };
    }
    await this.ports.retention?.touchVisitor(visitor.id, hashVisitorToken(token), now);
    visitor = await this.updateProfile(visitor, input, identity);
    await this.ports.visitors.recordPage(visitor.id, input.page, now);
    const [conversation, chosen, operatorsOnline] = await Promise.all([
      visitor.conversationId ? this.ports.conversations.get(visitor.conversationId) : null,
      input.department ? this.ports.departments.get(input.department) : null,
      this.ports.presence.anyAvailable(),
    ]);
    const department = chosen?.id ?? DEFAULT_DEPARTMENT;
    const [messages, receipts] = conversation
      ? await Promise.all([this.visitorHistory(conversation.id, input.since), this.ports.receipts.get(conversation.id)])
      : [[], undefined];
    const { name, email, verified, userId } = visitor;
    return {
      conversation,
      connection: {
        visitorId: visitor.id,
        siteId: input.siteId,
        address,
        hello: input,
        visitor: { name, email, verified, userId, userAgent: context.userAgent, ip: context.ip, country: context.country },
        department,
        conversationId: conversation?.id ?? null,
        connectionId,
      },
      result: {
        visitorToken: token,
        visitorId: visitor.id,
        conversation: conversation && toVisitorView(conversation),
        messages,
        operatorsOnline,
        identity,
        ...(receipts ? { receipts } : {}),
      },
    };
  }

  /**
   * A proved identity wins and marks the visitor verified, with exactly the name and e-mail
   * it signed (none signed: none shown, not an earlier form's); a refused one leaves them
   * unverified; pre-chat answers fill name and e-mail of a visitor nobody verified.
   * Operators watching their open conversation see the change.
   */
  private async updateProfile(visitor: VisitorRecord, input: VisitorHello, identity: 'verified' | 'refused' | null): Promise<VisitorRecord> {
    let patch: Partial<VisitorProfile> = {};
    if (identity === 'verified' && input.identity) {
      patch = { verified: true, userId: input.identity.userId, name: input.identity.name?.trim() || null, email: input.identity.email ?? null };
    } else if (identity === 'refused') {
      patch = { verified: false, userId: null };
    } else if (input.profile && !visitor.verified) {
      patch = { name: input.profile.name ?? visitor.name, email: input.profile.email ?? visitor.email };
    }
    const changed = (Object.keys(patch) as (keyof VisitorProfile)[]).some((k) => patch[k] !== visitor[k]);
    if (!changed) return visitor;
    const updated = (await this.ports.visitors.updateProfile(visitor.id, patch)) ?? { ...visitor, ...patch };
    const { name, email, verified, userId } = updated;
    const conversation = await this.ports.conversations.setVisitorProfile(visitor.id, { name, email, verified, userId });
    if (conversation) this.broadcaster.conversationUpdated(conversation);
    return updated;
  }

  /** A connection of the visitor said hello: if they had left, operators see them back. */
  async visitorArrived(visitorId: string): Promise<void> {
    if (!(await this.ports.presence.visitorConnected(visitorId, this.now()))) return;
    const conversation = await this.ports.conversations.setVisitorOnline(visitorId, true, this.now());
    if (conversation) this.broadcaster.conversationUpdated(conversation);
  }

  /** A connection of the visitor closed; after the grace period with none, they have left (see `sweepVisitors`). */
  async visitorDeparted(visitorId: string): Promise<void> {
    await this.ports.presence.visitorDisconnected(visitorId, this.now());
  }

  /** The visitor writes; the first message (or the first after a close) opens a conversation. */
  async visitorSend(connection: VisitorConnection, input: VisitorMessageSend): Promise<{ message: Message; conversation: Conversation; opened: boolean }> {
    await this.quotas.take('message', quotaSubjectOf(connection));
    if (input.attachments?.length) return this.visitorSendFiles(connection, { ...input, attachments: input.attachments });
    const text = { id: input.id, kind: 'text', author: { kind: 'visitor' }, text: input.text } as const;
    if (connection.conversationId) {
      // The common case, one store round trip: append to the conversation already open.
      const outcome = await this.append({ ...text, conversationId: connection.conversationId, onlyIfOpen: true }, connection.connectionId);
      if (outcome.ok) return { message: outcome.message, conversation: outcome.conversation, opened: false };
    }
    const { conversation, created } = await this.openFor(connection);
    const outcome = await this.append({ ...text, conversationId: conversation.id }, connection.connectionId);
    if (!outcome.ok) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    return { message: outcome.message, conversation: outcome.conversation, opened: created };
  }

  /**
   * A message with files: the files are checked against the open conversation (or none), and
   * only then is a conversation opened if there is none, so a refused send opens nothing; then
   * the files are tied to it, then the message is stored. A resend ties the same files to the
   * same conversation again and returns the stored message.
   */
  private async visitorSendFiles(connection: VisitorConnection, input: VisitorMessageSend & { attachments: string[] }): Promise<{ message: Message; conversation: Conversation; opened: boolean }> {
    const files = this.filePort();
    const owner = { kind: 'visitor', id: connection.visitorId } as const;
    // Another tab of the visitor may have opened one this connection has not heard of.
    const current = (await this.openOf(connection)) ?? (await this.latestOpen(connection.visitorId));
    await files.assertBindable(input.attachments, owner, current?.id ?? null);
    if (current) connection.conversationId = current.id;
    const { conversation, created } = current ? { conversation: current, created: false } : await this.openOnce(connection);
    const attachments = await files.bind(input.attachments, owner, conversation.id);
    const outcome = await this.append({ id: input.id, kind: 'text', author: { kind: 'visitor' }, text: input.text, attachments, conversationId: conversation.id, onlyIfOpen: true });
    if (!outcome.ok) throw refusal(outcome.reason === 'not_assigned' ? 'closed' : outcome.reason);
    return { message: outcome.message, conversation: outcome.conversation, opened: created };
  }

  /** The conversation this connection follows, if it is still open. */
  private async openOf(connection: VisitorConnection): Promise<Conversation | null> {
    const current = connection.conversationId ? await this.ports.conversations.get(connection.conversationId) : null;
    return current && current.status !== 'closed' ? current : null;
  }

  /** The visitor's latest conversation, if it is open. */
  private async latestOpen(visitorId: string): Promise<Conversation | null> {
    const latest = (await this.ports.visitors.get(visitorId))?.conversationId;
    const conversation = latest ? await this.ports.conversations.get(latest) : null;
    return conversation && conversation.status !== 'closed' ? conversation : null;
  }

  /** The visitor's open conversation, or a new one in the connection's department, queued and routed. */
  private async openFor(connection: VisitorConnection): Promise<{ conversation: Conversation; created: boolean }> {
    const current = await this.openOf(connection);
    return current ? { conversation: current, created: false } : this.openOnce(connection);
  }

  /** Messages sent at once before the first was answered open one conversation, counted once. */
  private async openOnce(connection: VisitorConnection): Promise<{ conversation: Conversation; created: boolean }> {
    if (connection.opening) return { conversation: await connection.opening, created: false };
    const opening = this.openNew(connection);
    connection.opening = opening.then((o) => o.conversation);
    // Whoever waits on it hears a failure; nobody waiting is no unhandled rejection.
    connection.opening.catch(() => {});
    try {
      return await opening;
    } finally {
      connection.opening = undefined;
    }
  }

  /**
   * A new conversation in the connection's department (or the one another tab of the visitor
   * opened meanwhile), counted by the quota first. Callers check everything else that could
   * refuse the message before this.
   */
  private async openNew(connection: VisitorConnection): Promise<{ conversation: Conversation; created: boolean }> {
    const { hello } = connection;
    const id = `c_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const quota = await this.quotas.takeConversation(quotaSubjectOf(connection), id);
    const opening = this.ports.conversations.open({
      id,
      siteId: connection.siteId,
      visitorId: connection.visitorId,
      language: hello.language,
      page: hello.page,
      timeZone: hello.timeZone,
      department: connection.department,
      visitor: connection.visitor,
      now: this.now(),
      queuedEventId: newEventId(),
    });
    // The visitor's other tab opened one meanwhile, or the store failed: this one cost nothing.
    const { conversation, created } = await opening.catch(async (err: unknown) => {
      await quota.release().catch(() => {});
      throw err;
    });
    if (!created) await quota.release();
    connection.conversationId = conversation.id;
    if (created) {
      this.log.info({ conversationId: conversation.id, visitorId: connection.visitorId }, 'conversation opened');
      this.collaborators.recorder?.opened(conversation);
      this.broadcaster.visitorOpened(connection.visitorId, conversation.id);
      this.queue.queueChanged(conversation, 'joined');
      // Route before appending, so the operator who gets it is in the room for the first message.
      await this.routing.drain([conversation.department]);
      this.routing.scheduleFallback(conversation.department);
    }
    return { conversation, created };
  }

  /**
   * An operator writes. The store refuses, in the same step as the write, a conversation
   * that closed or went to a colleague meanwhile; a waiting one is accepted first.
   */
  async operatorSend(operator: OperatorRecord, input: OperatorMessageSendWithFiles): Promise<Message> {
    const conversation = await this.mustGet(input.conversationId);
    const ids = input.attachments ?? [];
    const files = ids.length ? this.filePort() : null;
    const owner = { kind: 'operator', id: operator.id } as const;
    // Files that would be refused must not take the conversation first.
    await files?.assertBindable(ids, owner, conversation.id);
    // Answering a waiting visitor takes the conversation, as in every helpdesk.
    if (conversation.status === 'queued') await this.accept(operator, conversation.id);
    const attachments: Attachment[] = files ? await files.bind(ids, owner, conversation.id) : [];
    const outcome = await this.append({
      ...(attachments.length ? { attachments } : {}),
      conversationId: input.conversationId,
      id: input.id,
      kind: 'text',
      author: { kind: 'operator', id: operator.id, name: operator.name },
      text: input.text,
      onlyIfOpen: true,
      onlyIfAssignedTo: { operatorId: operator.id, admin: operator.role === 'admin' },
    });
    if (!outcome.ok) throw refusal(outcome.reason);
    if (outcome.firstReply) this.observer?.firstReply(outcome.conversation, outcome.message.createdAt);
    if (outcome.created && !this.replied.has(conversation.id)) {
      if (this.replied.size >= REPLIED_REMEMBERED) this.replied.clear();
      this.replied.add(conversation.id);
      this.collaborators.recorder?.replied(conversation, outcome.message.createdAt);
    }
    return outcome.message;
  }

  /**
   * An internal note: any operator may write one, in an open or a closed conversation. The
   * broadcaster sends it to operators only; the visitor's history and transcripts leave it out.
   */
  async note(operator: OperatorRecord, input: OperatorMessageSend): Promise<Message> {
    const outcome = await this.append({
      conversationId: input.conversationId,
      id: input.id,
      kind: 'note',
      author: { kind: 'operator', id: operator.id, name: operator.name },
      text: input.text,
    });
    if (!outcome.ok) throw refusal(outcome.reason);
    // Notes are searchable in the history too: one added after the close is indexed now.
    if (outcome.created && outcome.conversation.status === 'closed') this.collaborators.indexer?.indexClosed(outcome.conversation.id);
    return outcome.message;
  }

  /**
   * Hands the conversation to an available colleague or to a department's queue. The
   * visitor sees a `transferred` event; the note (if any) goes in as an internal note for
   * whoever takes over; the previous operator's connections stop following the conversation.
   */
  async transfer(operator: OperatorRecord, input: ConversationTransfer): Promise<Conversation> {
    const { to } = input;
    if (to.type === 'department' && !(await this.ports.departments.get(to.department))) throw new AppError(ErrorCode.NotFound, 'no such department');
    const outcome = await this.ports.routing.transfer(input.conversationId, {
      to,
      by: { operatorId: operator.id, admin: operator.role === 'admin' },
      now: this.now(),
      eventId: newEventId(),
    });
    if (!outcome.ok) {
      if (outcome.reason === 'unavailable') throw new AppError(ErrorCode.OperatorUnavailable, 'that operator is not online');
      if (outcome.reason === 'same') throw new AppError(ErrorCode.InvalidPayload, 'the conversation is there already');
      throw refusal(outcome.reason);
    }
    const { conversation, message, previousOperatorId } = outcome;
    this.log.info({ conversationId: conversation.id, operatorId: operator.id, to: to.type }, 'conversation transferred');
    if (previousOperatorId && previousOperatorId !== conversation.operator?.id) this.broadcaster.operatorLeft(conversation.id, previousOperatorId);
    if (conversation.operator) {
      this.broadcaster.conversationAssigned(conversation);
      this.collaborators.recorder?.assigned(conversation, message.createdAt);
    } else {
      this.broadcaster.conversationUpdated(conversation);
    }
    this.broadcaster.messageCreated(message);
    if (input.note) {
      await this.append({
        conversationId: conversation.id,
        id: `note-${randomUUID()}`,
        kind: 'note',
        author: { kind: 'operator', id: operator.id, name: operator.name },
        text: input.note,
      });
    }
    if (!conversation.operator) {
      await this.routing.drain([conversation.department]);
      this.routing.scheduleFallback(conversation.department);
    }
    return (await this.ports.conversations.get(conversation.id)) ?? conversation;
  }

  /** A closed conversation opens again, assigned to the operator who reopened it. */
  async reopen(operator: OperatorRecord, conversationId: string): Promise<Conversation> {
    const outcome = await this.ports.routing.reopen(conversationId, { id: operator.id, name: operator.name }, { now: this.now(), eventId: newEventId() });
    if (!outcome.ok) {
      if (outcome.reason === 'superseded') throw new AppError(ErrorCode.ConversationSuperseded, 'the visitor has started a newer conversation');
      throw refusal(outcome.reason);
    }
    if (outcome.message) {
      this.broadcaster.conversationAssigned(outcome.conversation);
      this.broadcaster.messageCreated(outcome.message);
      this.log.info({ conversationId, operatorId: operator.id }, 'conversation reopened');
    }
    return outcome.conversation;
  }

  async accept(operator: OperatorRecord, conversationId: string): Promise<Conversation> {
    const outcome = await this.ports.routing.accept(conversationId, { id: operator.id, name: operator.name }, { now: this.now(), eventId: newEventId() });
    if (!outcome.ok) throw refusal(outcome.reason);
    if (outcome.message) {
      this.assigned({ conversation: outcome.conversation, message: outcome.message });
      this.log.info({ conversationId, operatorId: operator.id }, 'conversation accepted');
    }
    return outcome.conversation;
  }

  async watch(input: ConversationWatch): Promise<{ conversation: Conversation; messages: Message[] }> {
    const conversation = await this.mustGet(input.conversationId);
    return { conversation, messages: await this.history(conversation.id, input.since) };
  }

  async close(operator: OperatorRecord, conversationId: string): Promise<Conversation> {
    const outcome = await this.ports.conversations.close({
      conversationId,
      eventId: newEventId(),
      by: 'operator',
      operator: { id: operator.id, name: operator.name },
      now: this.now(),
      onlyIfAssignedTo: { operatorId: operator.id, admin: operator.role === 'admin' },
    });
    if (!outcome.ok) throw refusal(outcome.reason === 'visitor_back' ? 'closed' : outcome.reason);
    this.closed(outcome.conversation, outcome.message, outcome.freedOperatorId === null);
    this.log.info({ conversationId, operatorId: operator.id }, 'conversation closed');
    return outcome.conversation;
  }

  async list(status?: Conversation['status']): Promise<Conversation[]> {
    return this.ports.conversations.list({ status, limit: 200 });
  }

  async messages(conversationId: string, since: string | undefined): Promise<Message[]> {
    await this.mustGet(conversationId);
    return this.history(conversationId, since);
  }

  /** RoutingListener: routing gave a conversation to an operator. */
  assigned({ conversation, message }: Routed): void {
    this.observer?.assigned(conversation, message.createdAt);
    this.broadcaster.conversationAssigned(conversation);
    this.broadcaster.messageCreated(message);
    this.collaborators.recorder?.assigned(conversation, message.createdAt);
    this.queue.queueChanged(conversation, 'served');
  }

  /** RoutingListener: a conversation went back to the queue. */
  requeued({ conversation, message }: Routed): void {
    this.broadcaster.conversationUpdated(conversation);
    this.broadcaster.messageCreated(message);
    this.queue.queueChanged(conversation, 'returned');
  }

  /** Who hears the queue move (waiting visitors' places). */
  observeQueue(observer: QueueObserver): void {
    this.queue = observer;
  }

  /** The visitor is typing in the conversation this connection follows: operators there see it (and the draft). Never stored. */
  visitorTyping(connection: VisitorConnection, input: VisitorTyping): void {
    if (!connection.conversationId) return;
    this.broadcaster.visitorTyping({ conversationId: connection.conversationId, typing: input.typing, text: input.typing ? input.text : '' });
  }

  /** An operator types in a conversation they have (an admin in any): the visitor sees it. Never stored. */
  async operatorTyping(operator: OperatorRecord, input: OperatorTyping): Promise<void> {
    const conversation = await this.mustGet(input.conversationId);
    if (conversation.status !== 'assigned') return;
    if (conversation.operator?.id !== operator.id && operator.role !== 'admin') throw refusal('taken');
    this.broadcaster.operatorTyping({ conversationId: conversation.id, typing: input.typing, name: operator.name });
  }

  /**
   * The operator's console received or showed the visitor's messages up to a cursor. Only
   * the operator who has the conversation counts: a colleague glancing at it is not a reader.
   */
  async receipt(operator: OperatorRecord, input: ReceiptInput): Promise<void> {
    const conversation = await this.mustGet(input.conversationId);
    if (conversation.operator?.id !== operator.id) return;
    const receipts = await this.ports.receipts.advance(conversation.id, {
      ...(input.delivered ? { delivered: input.delivered } : {}),
      ...(input.read ? { read: input.read } : {}),
    });
    if (receipts) this.broadcaster.receiptsUpdated({ conversationId: conversation.id, ...receipts });
  }

  /** The visitor ends one of their conversations. */
  async visitorClose(connection: VisitorConnection, conversationId: string): Promise<VisitorConversation> {
    const conversation = await this.ports.conversations.get(conversationId);
    if (conversation?.visitor.id !== connection.visitorId) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    const outcome = await this.ports.conversations.close({ conversationId, eventId: newEventId(), by: 'visitor', operator: null, now: this.now() });
    if (!outcome.ok) throw refusal(outcome.reason === 'not_found' ? 'not_found' : 'closed');
    this.closed(outcome.conversation, outcome.message, outcome.freedOperatorId === null);
    this.log.info({ conversationId: outcome.conversation.id }, 'conversation closed by the visitor');
    return toVisitorView(outcome.conversation);
  }

  /** The visitor rates one of their conversations; operators see it at once. */
  async rate(visitorId: string, input: ConversationRate): Promise<void> {
    const rated = await this.ports.conversations.setRating(input.conversationId, visitorId, { value: input.value, comment: input.comment || null, at: this.now() });
    if (!rated) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    this.broadcaster.conversationUpdated(rated);
  }

  /** The visitor a token names, for their HTTP requests (files, transcripts). */
  async visitorByToken(token: string): Promise<VisitorRecord | null> {
    return this.ports.visitors.findByToken(hashVisitorToken(token));
  }

  /** One of the visitor's conversations with every message they may see, for their transcript; null when not theirs. */
  async visitorTranscript(visitorId: string, conversationId: string): Promise<{ conversation: Conversation; messages: Message[] } | null> {
    const conversation = await this.ports.conversations.get(conversationId);
    if (conversation?.visitor.id !== visitorId) return null;
    const messages: Message[] = [];
    for (let since: string | undefined; ; ) {
      const page = await this.ports.conversations.messagesAfter(conversationId, since, 500);
      messages.push(...page.filter((m) => m.kind !== 'note'));
      if (page.length < 500) break;
      since = page.at(-1)?.cursor;
    }
    return { conversation, messages };
  }

  /** A conversation and all its messages (up to TRANSCRIPT_MESSAGES_MAX), for a transcript. */
  async transcriptSource(conversationId: string): Promise<{ conversation: Conversation | null; messages: Message[] }> {
    const conversation = await this.ports.conversations.get(conversationId);
    if (!conversation) return { conversation, messages: [] };
    const messages: Message[] = [];
    let since: string | undefined;
    while (messages.length < TRANSCRIPT_MESSAGES_MAX) {
      const page = await this.ports.conversations.messagesAfter(conversationId, since, LIMITS.historyPageMax);
      messages.push(...page);
      if (page.length < LIMITS.historyPageMax) break;
      since = page.at(-1)?.cursor;
    }
    return { conversation, messages };
  }

  /** A conversation's visitor, the pages of their visit and their conversations: the console's visitor panel. */
  async visitorPanel(visitorId: string): Promise<{ visitor: VisitorRecord; pages: PageVisit[]; conversations: Conversation[] }> {
    const visitor = await this.ports.visitors.get(visitorId);
    if (!visitor) throw new AppError(ErrorCode.NotFound, 'no such visitor');
    const [pages, conversations] = await Promise.all([this.ports.visitors.pages(visitorId, PAGES_KEPT), this.ports.conversations.ofVisitor(visitorId, VISITOR_CONVERSATIONS_SHOWN)]);
    return { visitor, pages, conversations };
  }

  /** Sweeps for visitors who left, and closes conversations whose visitor stayed away for the idle time. */
  start(intervalMs: number): void {
    this.sweepTimer = setInterval(() => {
      this.sweepVisitors(this.now()).catch((err: unknown) => this.log.warn({ err }, 'visitor sweep failed'));
    }, intervalMs);
    this.sweepTimer.unref();
  }

  stop(): void {
    clearInterval(this.sweepTimer);
  }

  async sweepVisitors(now: number): Promise<void> {
    for (const { visitorId, since } of await this.ports.presence.takeGoneVisitors(now, this.timings.visitorGraceMs)) {
      const conversation = await this.ports.conversations.setVisitorOnline(visitorId, false, since);
      if (conversation) this.broadcaster.conversationUpdated(conversation);
    }
    const before = now - this.timings.idleCloseMs;
    for (const conversationId of await this.ports.conversations.idleSince(before, IDLE_BATCH)) {
      const outcome = await this.ports.conversations.close({
        conversationId,
        eventId: newEventId(),
        by: 'idle',
        operator: null,
        now,
        onlyIfVisitorLeftBefore: before,
      });
      if (!outcome.ok) continue;
      this.log.info({ conversationId }, 'conversation closed: the visitor left');
      this.closed(outcome.conversation, outcome.message, outcome.freedOperatorId === null);
    }
  }

  private closed(conversation: Conversation, message: Message, wasQueued = false): void {
    this.broadcaster.messageCreated(message);
    this.broadcaster.conversationUpdated(conversation);
    this.collaborators.indexer?.indexClosed(conversation.id);
    if (wasQueued) this.queue.queueChanged(conversation, 'left');
    // The operator has room for one more.
    this.routing.drain(conversation.department).catch((err: unknown) => this.log.warn({ err }, 'drain after close failed'));
  }

  /** After a cursor: what was missed. Without one: the latest page, not the first. */
  private history(conversationId: string, since: string | undefined): Promise<Message[]> {
    return since
      ? this.ports.conversations.messagesAfter(conversationId, since, LIMITS.historyPageMax)
      : this.ports.conversations.recentMessages(conversationId, LIMITS.historyPageMax);
  }

  /** What the visitor may see: never an internal note, nor the operators' escalation bookkeeping. */
  private async visitorHistory(conversationId: string, since: string | undefined): Promise<Message[]> {
    return (await this.history(conversationId, since)).filter((m) => visibleToVisitor(m));
  }

  /**
   * Stores a message and tells the rooms; a resend (same id, stored once) tells them again:
   * its first telling may have died with the process that stored it, or with a Redis primary
   * that stored it and failed before it was acked (clients merge messages by id).
   */
  private async append(input: NewMessage, except?: string): Promise<AppendOutcome> {
    const outcome = await this.ports.conversations.append(input);
    if (outcome.ok) {
      this.broadcaster.messageCreated(outcome.message, except);
      this.broadcaster.conversationTouched(outcome.conversation);
    }
    return outcome;
  }

  private filePort(): NonNullable<ChatPorts['files']> {
    if (!this.ports.files) throw new AppError(ErrorCode.Forbidden, 'files are not accepted here');
    return this.ports.files;
  }

  private async mustGet(id: string): Promise<Conversation> {
    const c = await this.ports.conversations.get(id);
    if (!c) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    return c;
  }
}

function refusal(reason: 'not_found' | 'closed' | 'taken' | 'not_assigned'): AppError {
  if (reason === 'not_found') return new AppError(ErrorCode.NotFound, 'no such conversation');
  if (reason === 'closed') return new AppError(ErrorCode.ConversationClosed, 'conversation is closed');
  return new AppError(ErrorCode.ConversationTaken, 'another operator has this conversation');
}

/** What the quotas charge a visitor connection: its address and site, and whether the host page vouched for the visitor. */
function quotaSubjectOf(connection: VisitorConnection): QuotaSubject {
  return { address: connection.address, siteId: connection.siteId, verified: connection.visitor.verified };
}

const NO_CONTEXT: ConnectionContext = { address: 'unknown', userAgent: null, ip: null, country: null };

export function toVisitorView(c: Conversation): VisitorConversation {
  return { id: c.id, status: c.status, operator: c.operator ? { name: c.operator.name } : null, ...(c.rating ? { rating: c.rating.value } : {}) };
}
