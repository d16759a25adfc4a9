import {
  LANGUAGES,
  LIMITS,
  Signal,
  TIMING,
  backoffDelay,
  isRetryable,
  mergeMessages,
  visibleToVisitor,
  type Ack,
  type Attachment,
  type Language,
  type Message,
  type PageInfo,
  type Receipts,
  type VisitorClientEvents,
  type VisitorConversationResult,
  type VisitorHelloResult,
  type VisitorMessageSendResult,
  type VisitorServerEvents,
} from '@introserv/shared/client';
import { newMessageId } from '@introserv/shared/client/message-id';
import type { Outbox } from '@introserv/shared/client/outbox';
import { request } from '@introserv/shared/client/request';
import type { KeyValueStore } from '@introserv/shared/client/storage';
import type { Socket } from 'socket.io-client';
import { tokenKey, type Identity } from '../../embed.js';
import { chatMessages, isNews, type ChatState, type Profile } from './chat-state.js';
import { helloPayload } from './hello.js';
import { TYPING_SHOWN_MS, TypingSender } from './typing.js';
import { checkIdentity, currentPage, currentTimeZone, ProfileStore } from './visitor-identity.js';
import { visitorOutbox, type VisitorOutboxEntry } from './visitor-outbox.js';

/**
 * The part of a socket.io-client `Socket` the chat uses, typed by the shared
 * contract's event maps; tests drive the chat with a fake of just these members.
 */
export type VisitorSocket = Pick<Socket<VisitorServerEvents, VisitorClientEvents>, 'connected' | 'on' | 'emit' | 'disconnect' | 'timeout'>;

export interface VisitorChatOptions {
  siteId: string;
  language: Language;
  storage: KeyValueStore;
  /** `data-department`: where a new conversation goes, whatever the form says. */
  department?: string | undefined;
  page?: () => PageInfo;
  timeZone?: () => string;
  newId?: () => string;
  now?: () => number;
  /** Jitter source of the retry backoff; fixed in tests. */
  random?: () => number;
  /** Unread replies counted before a reload; live replies count on from here. */
  unread?: number;
  /** Hears every message that arrives live and is not the visitor's own (the API's `message` event, sound). */
  onIncoming?: (message: Message, news: boolean) => void;
  /** Hears a refused `identify()` (the host page logs it). */
  onIdentityRefused?: (identity: Identity) => void;
}

/**
 * The visitor's side of the protocol, without UI: says hello on every connect, keeps
 * the token, merges history and live messages, and owns the outbox that guarantees
 * "no message is lost" (client-made ids, resend after every hello ack until acked).
 * Also: who the visitor is (pre-chat answers, `identify()`), typing both ways, receipts,
 * the place in the queue, ending and rating the chat.
 */
export class VisitorChat {
  private stored: Message[] = [];
  private readonly outbox: Outbox<VisitorOutboxEntry, VisitorMessageSendResult>;
  private readonly typingSender: TypingSender;
  private readonly profiles: ProfileStore;
  private ready = false;
  /** Counts connections, so that a late ack of an earlier hello is ignored. */
  private generation = 0;
  private visible = false;
  /** A refused hello waits here for its next try; refusals in a row set the delay. */
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private helloAttempts = 0;
  private receipts: Receipts = { delivered: null, read: null };
  private language: Language;
  private identity: Identity | null = null;
  private operatorTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly opts: Required<Omit<VisitorChatOptions, 'department' | 'onIncoming' | 'onIdentityRefused'>> & Pick<VisitorChatOptions, 'department' | 'onIncoming' | 'onIdentityRefused'>;

  /** What the panel shows; the UI re-renders on every change. */
  readonly state: Signal<ChatState>;

  constructor(
    private readonly socket: VisitorSocket,
    options: VisitorChatOptions,
  ) {
    this.opts = { page: currentPage, timeZone: currentTimeZone, newId: newMessageId, now: Date.now, random: Math.random, unread: 0, ...options };
    this.language = options.language;
    this.profiles = new ProfileStore(options.storage, options.siteId);
    this.state = new Signal<ChatState>({
      connection: 'connecting',
      conversation: null,
      messages: [],
      unread: this.opts.unread,
      operatorsOnline: null,
      identity: null,
      operatorTyping: null,
      queue: null,
      profile: this.profiles.read(),
    });
    this.outbox = visitorOutbox({
      socket: this.socket,
      siteId: options.siteId,
      storage: options.storage,
      ready: () => this.ready,
      onDelivered: (ack) => this.delivered(ack),
      random: this.opts.random,
    });
    // Every change of the outbox (sending, refused, acked) is a change of what the panel lists.
    this.outbox.pending.subscribe(() => this.publish({}));
    this.typingSender = new TypingSender(
      // Best effort: a refused or lost indicator is not worth a retry.
      (typing, text) => this.socket.emit('typing:set', { typing, text }, () => {}),
      () => this.ready,
      this.opts.now,
    );
    this.publish({});
    socket.on('connect', () => this.hello());
    socket.on('disconnect', () => this.offline());
    socket.on('connect_error', () => this.offline());
    socket.on('message:created', (message) => this.receive([message], true));
    socket.on('conversation:assigned', ({ conversationId, operator }) => {
      this.publish({ conversation: { id: conversationId, status: 'assigned', operator: { name: operator.name } }, queue: null });
    });
    // Closed by the operator, or back in the queue when the operator left.
    socket.on('conversation:updated', (conversation) => this.publish({ conversation, ...(conversation.status === 'queued' ? {} : { queue: null }) }));
    socket.on('typing:updated', ({ conversationId, typing, name }) => {
      if (conversationId !== this.state.value.conversation?.id) return;
      clearTimeout(this.operatorTypingTimer);
      if (typing) this.operatorTypingTimer = setTimeout(() => this.publish({ operatorTyping: null }), TYPING_SHOWN_MS);
      this.publish({ operatorTyping: typing ? name : null });
    });
    socket.on('receipt:updated', ({ conversationId, delivered, read }) => {
      if (conversationId !== this.state.value.conversation?.id) return;
      this.receipts = { delivered, read };
      this.publish({});
    });
    socket.on('queue:updated', (queue) => this.publish({ queue }));
    if (socket.connected) this.hello();
  }

  /** The token that authorizes the visitor's HTTP requests (files, transcripts). */
  get token(): string | null {
    return this.opts.storage.getItem(tokenKey(this.opts.siteId));
  }

  /** The token once the server has confirmed it (a first visitor has none before their hello is answered). */
  whenToken(): Promise<string> {
    const ready = (): string | null => (this.state.value.connection === 'online' ? this.token : null);
    const now = ready();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      const stop = this.state.subscribe(() => {
        const token = ready();
        if (!token) return;
        stop();
        resolve(token);
      });
    });
  }

  /**
   * Shows the message at once as pending and sends it when the connection allows.
   * Returns false, sending nothing, when there is nothing to send or the text is past the
   * limit: a long paste is refused with a reason (by the composer), never cut.
   */
  send(text: string, attachments: readonly Attachment[] = []): boolean {
    const trimmed = text.trim();
    if ((!trimmed && attachments.length === 0) || trimmed.length > LIMITS.messageTextMax) return false;
    this.typingSender.stop();
    this.outbox.add({ id: this.opts.newId(), text: trimmed, ...(attachments.length ? { attachments: [...attachments] } : {}), createdAt: this.opts.now() });
    return true;
  }

  /** Sends a failed message again under the same id. */
  retry(id: string): void {
    this.outbox.retry(id);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.publish(visible ? { unread: 0 } : {});
  }

  /** The language of new conversations (and of the operator's console line): says hello again. */
  setLanguage(language: Language): void {
    if (language === this.language) return;
    this.language = language;
    this.rehello();
  }

  /** `identify()`: a Client Area user the host page vouches for; false (nothing sent) when malformed. */
  identify(identity: Identity): boolean {
    const checked = checkIdentity(identity);
    if (!checked) return false;
    this.identity = checked;
    this.rehello();
    return true;
  }

  /** The pre-chat form's answers: kept for next time, and told to the server now. */
  setProfile(profile: Profile): void {
    this.profiles.write(profile);
    this.publish({ profile });
    this.rehello();
  }

  /** The visitor's draft changed: the operator's preview follows (only once a conversation exists). */
  typing(draft: string): void {
    const conversation = this.state.value.conversation;
    if (!conversation || conversation.status === 'closed') return;
    this.typingSender.draft(draft);
  }

  /** Ends the conversation (the visitor's "End chat"). */
  async close(): Promise<boolean> {
    const conversation = this.state.value.conversation;
    if (!conversation || conversation.status === 'closed' || !this.ready) return false;
    const ack = await request<VisitorConversationResult>(this.socket, 'conversation:close', { conversationId: conversation.id });
    if (ack.ok) this.publish({ conversation: ack.conversation, queue: null });
    return ack.ok;
  }

  /** Rates a conversation; the last rating counts. */
  async rate(conversationId: string, value: 'good' | 'bad', comment?: string): Promise<boolean> {
    if (!this.ready) return false;
    const ack = await request(this.socket, 'conversation:rate', { conversationId, value, ...(comment?.trim() ? { comment: comment.trim() } : {}) });
    if (ack.ok && this.state.value.conversation?.id === conversationId) this.publish({ conversation: { ...this.state.value.conversation, rating: value } });
    return ack.ok;
  }

  dispose(): void {
    clearTimeout(this.helloTimer);
    clearTimeout(this.operatorTypingTimer);
    this.typingSender.dispose();
    this.outbox.dispose();
    this.socket.disconnect();
  }

  /** Says hello again on this connection (who the visitor is, or their language, changed). */
  private rehello(): void {
    if (this.socket.connected) this.hello();
  }

  private hello(): void {
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    const generation = ++this.generation;
    this.ready = false;
    // What was on its way goes again once this hello is answered.
    this.outbox.requeue();
    if (this.state.value.connection !== 'connecting') this.publish({ connection: 'connecting' });
    const profile = this.state.value.profile;
    const payload = helloPayload({
      siteId: this.opts.siteId,
      token: this.token,
      language: this.language,
      page: this.opts.page(),
      timeZone: this.opts.timeZone(),
      since: this.stored.at(-1)?.cursor,
      department: this.opts.department || profile?.department,
      profile,
      identity: this.identity,
    });
    const identity = this.identity;
    this.socket.emit('hello', payload, (ack: Ack<VisitorHelloResult>) => {
      if (generation !== this.generation) return;
      if (!ack.ok) {
        this.publish({ connection: 'offline' });
        // The connection itself is fine, so socket.io will not reconnect and nothing else
        // would say hello again: a refusal that may heal (store down, rate limited) is
        // retried here, on this connection, until the server answers.
        if (isRetryable(ack.error.code)) this.helloTimer = setTimeout(() => this.hello(), this.backoff(this.helloAttempts++));
        return;
      }
      this.helloAttempts = 0;
      this.opts.storage.setItem(tokenKey(this.opts.siteId), ack.visitorToken);
      this.ready = true;
      if (ack.identity === 'refused' && identity) {
        // Said once: the visitor goes on unverified, and the next hello does not try again.
        this.identity = null;
        this.opts.onIdentityRefused?.(identity);
      }
      this.receive(ack.messages, false);
      // After the history: it is what the receipts are about.
      if (ack.receipts) this.receipts = ack.receipts;
      const conversation = ack.conversation ?? this.state.value.conversation;
      this.publish({
        connection: 'online',
        conversation,
        operatorsOnline: ack.operatorsOnline,
        identity: ack.identity ?? this.state.value.identity,
        ...(conversation?.status === 'queued' ? {} : { queue: null }),
      });
      this.outbox.flush();
    });
  }

  private offline(): void {
    // The next connect says hello (and so sends the outbox) at once.
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.generation++;
    this.ready = false;
    this.outbox.requeue();
    this.typingSender.forget();
    this.publish({ connection: 'offline', operatorTyping: null });
  }

  /** A message:send acked: the stored copy replaces the pending one. */
  private delivered(ack: { ok: true } & VisitorMessageSendResult): void {
    this.receive([ack.message], false);
    // How the conversation stands now: assigned at once, its assignment heard before this socket was in the room.
    const now = ack.conversation;
    const current = this.state.value.conversation;
    if (now && current?.id === now.id && current.status !== 'closed' && now.status !== current.status) {
      this.publish({ conversation: now, ...(now.status === 'queued' ? {} : { queue: null }) });
    }
  }

  /** Exponential with jitter, so that widgets refused together do not come back together. */
  private backoff(attempt: number): number {
    return backoffDelay(attempt, { baseMs: TIMING.retryBaseMs, maxMs: TIMING.retryMaxMs }, this.opts.random);
  }

  private receive(all: readonly Message[], live: boolean): void {
    // The server never sends notes to a visitor; should one slip through, it stays unseen.
    const messages = all.filter(visibleToVisitor);
    const fresh = messages.filter((m) => !this.stored.some((s) => s.id === m.id));
    this.stored = mergeMessages(this.stored, messages);
    let operatorTyping = this.state.value.operatorTyping;
    for (const m of messages) {
      // Delivered by someone, e.g. `message:created` of our own message before its ack.
      if (m.author.kind === 'visitor') this.outbox.delivered(m.id);
      // The operator's message is what they were typing.
      if (m.author.kind === 'operator') operatorTyping = null;
    }
    const unreadGain = live && !this.visible ? fresh.filter(isNews).length : 0;
    // The first visitor message (also the first after a closed chat) opens a new
    // conversation; until a hello or an assignment says more, it waits in the queue.
    const latest = messages.at(-1);
    const current = this.state.value.conversation;
    const conversation =
      latest && latest.conversationId !== current?.id ? { id: latest.conversationId, status: 'queued' as const, operator: null } : current;
    if (conversation !== current) this.receipts = { delivered: null, read: null };
    this.publish({ conversation, unread: this.state.value.unread + unreadGain, operatorTyping });
    if (live) for (const m of fresh) if (m.author.kind !== 'visitor') this.opts.onIncoming?.(m, isNews(m));
  }

  private publish(patch: Partial<ChatState>): void {
    this.state.set({ ...this.state.value, ...patch, messages: chatMessages(this.stored, this.outbox.pending.value, this.receipts) });
  }
}

/** Whether a string names a language the widget speaks. */
export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);
