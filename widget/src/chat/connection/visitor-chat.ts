import {
  LIMITS,
  Signal,
  TIMING,
  backoffDelay,
  isRetryable,
  mergeMessages,
  visibleToVisitor,
  type Ack,
  type Author,
  type Language,
  type Message,
  type MessageKind,
  type MessageSendResult,
  type PageInfo,
  type SystemEvent,
  type SystemEventType,
  type VisitorClientEvents,
  type VisitorConversation,
  type VisitorHello,
  type VisitorHelloResult,
  type VisitorServerEvents,
} from '@introserv/shared/client';
import type { Socket } from 'socket.io-client';
import { tokenKey } from '../../embed.js';
import { newMessageId } from './message-id.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import type { KeyValueStore } from './storage.js';

/**
 * The part of a socket.io-client `Socket` the chat uses, typed by the shared
 * contract's event maps; tests drive the chat with a fake of just these members.
 */
export type VisitorSocket = Pick<Socket<VisitorServerEvents, VisitorClientEvents>, 'connected' | 'on' | 'emit' | 'disconnect'>;

export type MessageStatus = 'pending' | 'sent' | 'failed';

/** A message as the panel shows it: stored ones, then the visitor's unacknowledged ones. */
export interface ChatMessage {
  id: string;
  kind: MessageKind;
  author: Author;
  text: string;
  /** What a `system` message says happened; the panel words it in the visitor's language. */
  event?: SystemEvent;
  createdAt: number;
  status: MessageStatus;
}

export interface ChatState {
  /** `online` once the hello of the current connection has been acknowledged. */
  connection: 'connecting' | 'online' | 'offline';
  conversation: VisitorConversation | null;
  messages: readonly ChatMessage[];
  /** Operator replies, and the system events that matter, that arrived while the panel was hidden. */
  unread: number;
  /** From the last hello: whether an operator could take a chat (null or absent until known). */
  operatorsOnline?: boolean | null;
}

/**
 * System events that count as unread, like a reply: someone joined, the chat ended, a
 * ticket now carries the request. Requeue, transfer and reopen are bookkeeping that the
 * next reply makes plain; a badge for them would call the visitor back for nothing.
 */
const NEWSWORTHY: ReadonlySet<SystemEventType> = new Set<SystemEventType>(['assigned', 'closed', 'ticket-created']);

function isNews(m: Message): boolean {
  if (m.author.kind === 'visitor') return false;
  // An older server sends no kind: its messages are text.
  if (m.kind !== 'system') return true;
  return m.event !== undefined && NEWSWORTHY.has(m.event.type);
}

export interface VisitorChatOptions {
  siteId: string;
  language: Language;
  storage: KeyValueStore;
  page?: () => PageInfo;
  timeZone?: () => string;
  newId?: () => string;
  now?: () => number;
  /** Jitter source of the retry backoff; fixed in tests. */
  random?: () => number;
  /** Unread replies counted before a reload; live replies count on from here. */
  unread?: number;
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

/**
 * The visitor's side of the protocol, without UI: says hello on every connect, keeps
 * the token, merges history and live messages, and owns the outbox that guarantees
 * "no message is lost" (client-made ids, resend after every hello ack until acked).
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
  private readonly opts: Required<VisitorChatOptions>;

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
    this.state = new Signal<ChatState>({ connection: 'connecting', conversation: null, messages: [], unread: this.opts.unread, operatorsOnline: null });
    this.outbox = new Outbox(options.storage, `introserv-chat:${options.siteId}:outbox`);
    this.publish({});
    socket.on('connect', () => this.hello());
    socket.on('disconnect', () => this.offline());
    socket.on('connect_error', () => this.offline());
    socket.on('message:created', (message) => this.receive([message], true));
    socket.on('conversation:assigned', ({ conversationId, operator }) => {
      this.publish({ conversation: { id: conversationId, status: 'assigned', operator: { name: operator.name } } });
    });
    // Closed by the operator, or back in the queue when the operator left.
    socket.on('conversation:updated', (conversation) => this.publish({ conversation }));
    if (socket.connected) this.hello();
  }

  /** Shows the message at once as pending and sends it when the connection allows. */
  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.outbox.add({ id: this.opts.newId(), text: trimmed.slice(0, LIMITS.messageTextMax), createdAt: this.opts.now() });
    this.publish({});
    this.flush();
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

  dispose(): void {
    clearTimeout(this.helloTimer);
    clearTimeout(this.sendTimer);
    this.socket.disconnect();
  }

  private get token(): string | null {
    return this.opts.storage.getItem(tokenKey(this.opts.siteId));
  }

  private hello(): void {
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    const generation = ++this.generation;
    this.ready = false;
    this.inflight.clear();
    if (this.state.value.connection !== 'connecting') this.publish({ connection: 'connecting' });
    const last = this.stored.at(-1);
    const payload: VisitorHello = {
      siteId: this.opts.siteId,
      visitorToken: this.token,
      language: this.opts.language,
      page: this.opts.page(),
      timeZone: this.opts.timeZone(),
      ...(last ? { since: last.cursor } : {}),
    };
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
      this.receive(ack.messages, false);
      this.publish({ connection: 'online', conversation: ack.conversation ?? this.state.value.conversation, operatorsOnline: ack.operatorsOnline });
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
    this.publish({ connection: 'offline' });
  }

  /** Sends every outbox entry not already on its way. */
  private flush(): void {
    if (!this.ready || !this.socket.connected) return;
    const generation = this.generation;
    for (const entry of this.outbox.list()) {
      if (this.inflight.has(entry.id)) continue;
      this.inflight.add(entry.id);
      this.socket.emit('message:send', { id: entry.id, text: entry.text }, (ack: Ack<MessageSendResult>) => {
        if (generation !== this.generation) return; // the next hello resends it
        this.inflight.delete(entry.id);
        if (ack.ok) {
          this.sendAttempts = 0;
          this.outbox.remove(entry.id);
          this.receive([ack.message], false);
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
    for (const m of messages) {
      // Delivered by someone, e.g. `message:created` of our own message before its ack.
      if (m.author.kind === 'visitor') this.outbox.remove(m.id);
      this.failed.delete(m.id);
    }
    const unreadGain = live && !this.visible ? fresh.filter(isNews).length : 0;
    // The first visitor message (also the first after a closed chat) opens a new
    // conversation; until a hello or an assignment says more, it waits in the queue.
    const latest = messages.at(-1);
    const current = this.state.value.conversation;
    const conversation =
      latest && latest.conversationId !== current?.id ? { id: latest.conversationId, status: 'queued' as const, operator: null } : current;
    this.publish({ conversation, unread: this.state.value.unread + unreadGain });
  }

  private publish(patch: Partial<ChatState>): void {
    const pending = this.outbox.list().map((e): ChatMessage => ({ ...e, kind: 'text', author: { kind: 'visitor' }, status: 'pending' }));
    const failed = [...this.failed.values()].map((e): ChatMessage => ({ ...e, kind: 'text', author: { kind: 'visitor' }, status: 'failed' }));
    const local = [...pending, ...failed].sort((a, b) => a.createdAt - b.createdAt);
    const sent = this.stored.map(
      (m): ChatMessage => ({
        id: m.id,
        kind: m.kind === 'system' ? 'system' : 'text',
        author: m.author,
        text: m.text,
        ...(m.event ? { event: m.event } : {}),
        createdAt: m.createdAt,
        status: 'sent',
      }),
    );
    this.state.set({ ...this.state.value, ...patch, messages: [...sent, ...local] });
  }
}
