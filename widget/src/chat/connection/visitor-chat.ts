import {
  LANGUAGES,
  LIMITS,
  Signal,
  TIMING,
  backoffDelay,
  compareCursor,
  isRetryable,
  mergeMessages,
  visibleToVisitor,
  type Ack,
  type Attachment,
  type Author,
  type Language,
  type Message,
  type MessageKind,
  type VisitorMessageSendResult,
  type PageInfo,
  type QueueUpdated,
  type Receipts,
  type SystemEvent,
  type SystemEventType,
  type VisitorClientEvents,
  type VisitorConversation,
  type VisitorConversationResult,
  type VisitorHello,
  type VisitorHelloResult,
  type VisitorServerEvents,
} from '@introserv/shared/client';
import type { Socket } from 'socket.io-client';
import { tokenKey, type Identity } from '../../embed.js';
import { newMessageId } from './message-id.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { safeStringify } from './safe-json.js';
import type { KeyValueStore } from './storage.js';

/**
 * The part of a socket.io-client `Socket` the chat uses, typed by the shared
 * contract's event maps; tests drive the chat with a fake of just these members.
 */
export type VisitorSocket = Pick<Socket<VisitorServerEvents, VisitorClientEvents>, 'connected' | 'on' | 'emit' | 'disconnect'>;

/** `pending`: on its way (shown as "Sending…"); then stored, delivered to the operator's console, read there. */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** A message as the panel shows it: stored ones, then the visitor's unacknowledged ones. */
export interface ChatMessage {
  id: string;
  kind: MessageKind;
  author: Author;
  text: string;
  /** What a `system` message says happened; the panel words it in the visitor's language. */
  event?: SystemEvent;
  attachments?: Attachment[];
  createdAt: number;
  status: MessageStatus;
}

/** What the visitor told the pre-chat form; kept, so the form is asked once. */
export interface Profile {
  name?: string;
  email?: string;
  department?: string;
}

export interface ChatState {
  /** `online` once the hello of the current connection has been acknowledged. */
  connection: 'connecting' | 'online' | 'offline';
  conversation: VisitorConversation | null;
  messages: readonly ChatMessage[];
  /** Operator replies, and the system events that matter, that arrived while the panel was hidden. */
  unread: number;
  /** From the last hello: whether an operator could take a new chat now (null until known); the leave-a-message form uses it. */
  operatorsOnline: boolean | null;
  /** The outcome of `identify()`: verified visitors skip the pre-chat form. */
  identity: 'verified' | 'refused' | null;
  /** The name of the operator typing now, or null. */
  operatorTyping: string | null;
  /** While the conversation waits: its place in line and the estimated wait. */
  queue: QueueUpdated | null;
  /** The pre-chat answers, once given (or null). */
  profile: Profile | null;
}

/**
 * System events that count as unread, like a reply: someone joined, the chat ended, a
 * ticket now carries the request. Requeue, transfer and reopen are bookkeeping that the
 * next reply makes plain; a badge for them would call the visitor back for nothing.
 */
const NEWSWORTHY: ReadonlySet<SystemEventType> = new Set<SystemEventType>(['assigned', 'closed', 'ticket-created']);

export function isNews(m: Message): boolean {
  if (m.author.kind === 'visitor') return false;
  // An older server sends no kind: its messages are text.
  if (m.kind !== 'system') return true;
  return m.event !== undefined && NEWSWORTHY.has(m.event.type);
}

/** A typing draft is sent at most this often (the server's budget is 3 per second). */
export const TYPING_INTERVAL_MS = 400;
/** No keystroke for this long: the visitor stopped typing. */
export const TYPING_IDLE_MS = 4_000;
/** An operator's "typing" that is not renewed (a lost stop) fades after this. */
export const TYPING_SHOWN_MS = 6_000;

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
 * The page the visitor writes from. Its query and fragment may carry what is nobody else's
 * business (reset tokens, e-mail addresses, search terms), so they are sent only when the site
 * owner opts in with `data-full-url` on the embed script. The loader is at its byte budget, so
 * the chat chunk finds the script tag itself.
 */
export const currentPage = (): PageInfo => ({
  url: (document.querySelector('script[data-site][data-full-url]') ? location.href : location.origin + location.pathname).slice(0, LIMITS.pageUrlMax),
  title: document.title.slice(0, LIMITS.pageTitleMax),
});

const currentTimeZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

/** Roughly what the server's zod `z.email()` takes: a wrong one would refuse the whole hello. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * The visitor's side of the protocol, without UI: says hello on every connect, keeps
 * the token, merges history and live messages, and owns the outbox that guarantees
 * "no message is lost" (client-made ids, resend after every hello ack until acked).
 * Also: who the visitor is (pre-chat answers, `identify()`), typing both ways, receipts,
 * the place in the queue, ending and rating the chat.
 */
export class VisitorChat {
  private stored: Message[] = [];
  private readonly outbox: Outbox;
  /** Messages the server refused for good (see isRetryable): shown with a retry button, not resent. */
  private failed = new Map<string, OutboxEntry>();
  private inflight = new Set<string>();
  private ready = false;
  /** Counts connections, so that a late ack of an earlier one is ignored. */
  private generation = 0;
  private visible = false;
  /** A refused hello waits here for its next try; refusals in a row set the delay. */
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private helloAttempts = 0;
  /** Likewise for a message the server could not take yet. */
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private sendAttempts = 0;
  private receipts: Receipts = { delivered: null, read: null };
  private language: Language;
  private identity: Identity | null = null;
  private typingSent: { typing: boolean; text: string; at: number } = { typing: false, text: '', at: 0 };
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private operatorTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly opts: Required<Omit<VisitorChatOptions, 'department' | 'onIncoming' | 'onIdentityRefused'>> & Pick<VisitorChatOptions, 'department' | 'onIncoming' | 'onIdentityRefused'>;

  /** What the panel shows; the UI re-renders on every change. */
  readonly state: Signal<ChatState>;

  constructor(
    private readonly socket: VisitorSocket,
    options: VisitorChatOptions,
  ) {
    this.opts = {
      page: currentPage,
      timeZone: currentTimeZone,
      newId: newMessageId,
      now: Date.now,
      random: Math.random,
      unread: 0,
      ...options,
    };
    this.language = options.language;
    this.state = new Signal<ChatState>({
      connection: 'connecting',
      conversation: null,
      messages: [],
      unread: this.opts.unread,
      operatorsOnline: null,
      identity: null,
      operatorTyping: null,
      queue: null,
      profile: this.readProfile(),
    });
    this.outbox = new Outbox(options.storage, `introserv-chat:${options.siteId}:outbox`);
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
    this.stopTyping();
    this.outbox.add({ id: this.opts.newId(), text: trimmed, ...(attachments.length ? { attachments: [...attachments] } : {}), createdAt: this.opts.now() });
    this.publish({});
    this.flush();
    return true;
  }

  /** Puts a failed message back into the outbox under the same id. */
  retry(id: string): void {
    const entry = this.failed.get(id);
    if (!entry) return;
    this.failed.delete(id);
    this.outbox.add(entry);
    this.publish({});
    this.flush();
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

  /**
   * `identify()`: a Client Area user the host page vouches for. Checked here first, since a
   * malformed identity would make the server refuse the whole hello; a wrong hash is the
   * server's to refuse (the visitor then goes on unverified). Name and e-mail go exactly as
   * given, since the hash signs them: a field this would have to change makes the call malformed.
   */
  identify(identity: Identity): boolean {
    const { userId, hash } = identity;
    // Absent, null and "" are signed alike (as ""): a page's template may send any of them.
    const name = identity.name || undefined;
    const email = identity.email || undefined;
    const field = (s: unknown, max: number): boolean => typeof s === 'string' && s.length > 0 && s.length <= max && !s.includes('\u0000');
    if (!field(userId, 128) || typeof hash !== 'string' || !/^[\da-f]{64}$/i.test(hash)) return false;
    if ((name !== undefined && !field(name, 100)) || (email !== undefined && !(field(email, 254) && EMAIL.test(email)))) return false;
    this.identity = { userId, hash, ...(name !== undefined ? { name } : {}), ...(email !== undefined ? { email } : {}) };
    this.rehello();
    return true;
  }

  /** The pre-chat form's answers: kept for next time, and told to the server now. */
  setProfile(profile: Profile): void {
    this.opts.storage.setItem(this.profileKey, safeStringify(profile));
    this.publish({ profile });
    this.rehello();
  }

  /**
   * The visitor's draft changed: tells the operator (with the end of the draft, for their
   * preview) at most every TYPING_INTERVAL_MS, and that they stopped after TYPING_IDLE_MS
   * without a keystroke or when the draft is empty. Only once a conversation exists.
   */
  typing(draft: string): void {
    if (!this.state.value.conversation || this.state.value.conversation.status === 'closed') return;
    clearTimeout(this.typingIdle);
    const typing = draft.trim() !== '';
    if (!typing) {
      this.stopTyping();
      return;
    }
    this.typingIdle = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
    const wait = this.typingSent.at + TYPING_INTERVAL_MS - this.opts.now();
    clearTimeout(this.typingTimer);
    if (wait > 0) this.typingTimer = setTimeout(() => this.emitTyping(true, draft), wait);
    else this.emitTyping(true, draft);
  }

  /** Ends the conversation (the visitor's "End chat"). */
  async close(): Promise<boolean> {
    const conversation = this.state.value.conversation;
    if (!conversation || conversation.status === 'closed' || !this.ready) return false;
    const ack = await this.request<VisitorConversationResult>('conversation:close', { conversationId: conversation.id });
    if (ack.ok) this.publish({ conversation: ack.conversation, queue: null });
    return ack.ok;
  }

  /** Rates a conversation; the last rating counts. */
  async rate(conversationId: string, value: 'good' | 'bad', comment?: string): Promise<boolean> {
    if (!this.ready) return false;
    const ack = await this.request('conversation:rate', { conversationId, value, ...(comment?.trim() ? { comment: comment.trim() } : {}) });
    if (ack.ok && this.state.value.conversation?.id === conversationId) this.publish({ conversation: { ...this.state.value.conversation, rating: value } });
    return ack.ok;
  }

  dispose(): void {
    clearTimeout(this.helloTimer);
    clearTimeout(this.sendTimer);
    clearTimeout(this.typingTimer);
    clearTimeout(this.typingIdle);
    clearTimeout(this.operatorTypingTimer);
    this.socket.disconnect();
  }

  /** A command whose answer matters to the visitor now: settles with the ack, or as failed after the command timeout. */
  private request<T extends object = object>(event: 'conversation:close' | 'conversation:rate', payload: object): Promise<Ack<T>> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve({ ok: false, error: { code: 'INTERNAL', message: 'no answer' } });
      }, TIMING.commandTimeoutMs);
      // The typed emit cannot pair an event union with its payload; the registry (shared/events.ts) does.
      (this.socket.emit as (e: string, p: object, ack: (a: Ack<T>) => void) => void)(event, payload, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
  }

  private get profileKey(): string {
    return `introserv-chat:${this.opts.siteId}:profile`;
  }

  private readProfile(): Profile | null {
    try {
      const p = JSON.parse(this.opts.storage.getItem(this.profileKey) ?? 'null') as Profile | null;
      return p && typeof p === 'object' ? p : null;
    } catch {
      return null;
    }
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    clearTimeout(this.typingIdle);
    if (this.typingSent.typing) this.emitTyping(false, '');
  }

  private emitTyping(typing: boolean, draft: string): void {
    const text = typing ? draft.slice(-LIMITS.typingPreviewMax) : '';
    if (!this.ready || (typing === this.typingSent.typing && text === this.typingSent.text)) return;
    this.typingSent = { typing, text, at: this.opts.now() };
    // Best effort: a refused or lost indicator is not worth a retry.
    this.socket.emit('typing:set', { typing, text }, () => {});
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
    this.inflight.clear();
    if (this.state.value.connection !== 'connecting') this.publish({ connection: 'connecting' });
    const last = this.stored.at(-1);
    const profile = this.state.value.profile;
    const department = this.opts.department || profile?.department;
    const payload: VisitorHello = {
      siteId: this.opts.siteId,
      visitorToken: this.token,
      language: this.language,
      page: this.opts.page(),
      timeZone: this.opts.timeZone(),
      ...(last ? { since: last.cursor } : {}),
      ...(department ? { department } : {}),
      ...(profile?.name || profile?.email ? { profile: { ...(profile.name ? { name: profile.name } : {}), ...(profile.email ? { email: profile.email } : {}) } } : {}),
      ...(this.identity ? { identity: this.identity } : {}),
    };
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
      this.flush();
    });
  }

  private offline(): void {
    // The next connect says hello (and so sends the outbox) at once.
    clearTimeout(this.helloTimer);
    clearTimeout(this.sendTimer);
    this.helloTimer = this.sendTimer = undefined;
    this.generation++;
    this.ready = false;
    this.inflight.clear();
    this.typingSent = { typing: false, text: '', at: 0 };
    this.publish({ connection: 'offline', operatorTyping: null });
  }

  /** Sends every outbox entry not already on its way. */
  private flush(): void {
    if (!this.ready || !this.socket.connected) return;
    const generation = this.generation;
    for (const entry of this.outbox.list()) {
      if (this.inflight.has(entry.id)) continue;
      this.inflight.add(entry.id);
      const payload = { id: entry.id, text: entry.text, ...(entry.attachments?.length ? { attachments: entry.attachments.map((a) => a.id) } : {}) };
      this.socket.emit('message:send', payload, (ack: Ack<VisitorMessageSendResult>) => {
        if (generation !== this.generation) return; // the next hello resends it
        this.inflight.delete(entry.id);
        if (ack.ok) {
          this.sendAttempts = 0;
          this.outbox.remove(entry.id);
          this.receive([ack.message], false);
          // How the conversation stands now: assigned at once, its assignment heard before this socket was in the room.
          const now = ack.conversation;
          const current = this.state.value.conversation;
          if (now && current?.id === now.id && current.status !== 'closed' && now.status !== current.status) {
            this.publish({ conversation: now, ...(now.status === 'queued' ? {} : { queue: null }) });
          }
        } else if (!isRetryable(ack.error.code)) {
          // Resending the same payload cannot succeed: show it as failed instead.
          this.outbox.remove(entry.id);
          this.failed.set(entry.id, entry);
          this.publish({});
        } else {
          this.scheduleRetry();
        }
      });
    }
  }

  private scheduleRetry(): void {
    if (this.sendTimer !== undefined) return;
    this.sendTimer = setTimeout(() => {
      this.sendTimer = undefined;
      this.flush();
    }, this.backoff(this.sendAttempts++));
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
      if (m.author.kind === 'visitor') this.outbox.remove(m.id);
      this.failed.delete(m.id);
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

  private statusOf(m: Message): MessageStatus {
    if (m.author.kind !== 'visitor') return 'sent';
    const { read, delivered } = this.receipts;
    if (read && compareCursor(m.cursor, read) <= 0) return 'read';
    if (delivered && compareCursor(m.cursor, delivered) <= 0) return 'delivered';
    return 'sent';
  }

  private publish(patch: Partial<ChatState>): void {
    const local = (e: OutboxEntry, status: MessageStatus): ChatMessage => ({ ...e, kind: 'text', author: { kind: 'visitor' }, status });
    const pending = this.outbox.list().map((e) => local(e, 'pending'));
    const failed = [...this.failed.values()].map((e) => local(e, 'failed'));
    const sent = this.stored.map(
      (m): ChatMessage => ({
        id: m.id,
        kind: m.kind === 'system' ? 'system' : 'text',
        author: m.author,
        text: m.text,
        ...(m.event ? { event: m.event } : {}),
        ...(m.attachments?.length ? { attachments: m.attachments } : {}),
        createdAt: m.createdAt,
        status: this.statusOf(m),
      }),
    );
    this.state.set({ ...this.state.value, ...patch, messages: [...sent, ...[...pending, ...failed].sort((a, b) => a.createdAt - b.createdAt)] });
  }
}

/** Whether a string names a language the widget speaks. */
export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);
