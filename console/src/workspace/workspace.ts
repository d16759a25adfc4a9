import type { Attachment, ConsoleConfig, ConversationTransfer, Conversation, Message, Operator, OperatorServerEvents, OperatorStatus } from '@introserv/shared';
import { Signal } from '@introserv/shared/client';
import type { KeyValueStore } from '@introserv/shared/client/storage';
import { ApiError, ClientErrorCode } from '../api/errors.js';
import type { ConsoleApi } from '../api/endpoints.js';
import {
  addMessages,
  applyAssigned,
  emptyState,
  lastCursor,
  replaceConversations,
  upsertConversation,
  type ConversationsState,
} from '../conversations/store.js';
import { toConsoleError } from '../hooks/to-console-error.js';
import { OperatorChannel, type OperatorSocket } from '../realtime/channel.js';
import { Outbox } from '../realtime/outbox.js';
import { Attention } from './activity.js';
import { Connection } from './connection.js';
import { DEFAULT_CONSOLE_CONFIG, INITIAL_UI, type Activity, type WorkspaceUi } from './workspace-state.js';

export { DEFAULT_CONSOLE_CONFIG, type Activity, type ConnectionState, type WorkspaceUi } from './workspace-state.js';

export interface WorkspaceOptions {
  api: ConsoleApi;
  socket: OperatorSocket;
  operator: Operator;
  /** The status the server gave at sign-in. */
  status?: OperatorStatus;
  /** The server no longer knows the session: back to the login form. */
  onSessionExpired: () => void;
  storage?: KeyValueStore | null;
  /** Jitter source of the reconnect backoff; fixed in tests. */
  random?: () => number;
  /** Whether the operator can see the console now (the tab is visible); unread counts grow only while they cannot. */
  isVisible?: () => boolean;
  /** The console's settings (departments, thresholds) from the server; the defaults stand until it answers. */
  loadConfig?: () => Promise<ConsoleConfig>;
}

/**
 * The signed-in console: one socket, one store, one outbox. Views read `store`, `outbox`
 * and `ui`, and call the methods; the socket's facts and reconnects are handled here.
 */
export class Workspace {
  readonly store = new Signal<ConversationsState>(emptyState);
  readonly ui = new Signal<WorkspaceUi>(INITIAL_UI);
  readonly config = new Signal<ConsoleConfig>(DEFAULT_CONSOLE_CONFIG);
  readonly outbox: Outbox;
  readonly channel: OperatorChannel;
  readonly operator: Operator;
  private readonly attention = new Attention();
  private readonly connection: Connection;
  private readonly cleanups: (() => void)[] = [];
  private connectedBefore = false;
  private stopped = false;

  constructor(private readonly opts: WorkspaceOptions) {
    this.operator = opts.operator;
    this.channel = new OperatorChannel(opts.socket);
    this.connection = new Connection({
      socket: opts.socket,
      me: () => opts.api.me(),
      onConnect: () => this.connected(),
      onState: (connection) => this.setUi({ connection }),
      onSessionExpired: () => opts.onSessionExpired(),
      random: opts.random,
    });
    if (opts.status) this.setUi({ presence: { status: opts.status, pending: null } });
    this.outbox = new Outbox({
      send: (payload, kind) => this.channel.request(kind === 'note' ? 'note:send' : 'message:send', payload),
      isConnected: () => this.channel.connected,
      onDelivered: (message) => this.store.update((s) => addMessages(s, message.conversationId, [message])),
      storage: opts.storage ?? null,
      storageKey: `introserv.console.outbox.${opts.operator.id}`,
    });
  }

  /** Visitor messages not seen yet, per conversation: they arrived while it was not on screen. */
  get unread(): Attention['unread'] {
    return this.attention.unread;
  }

  start(): void {
    const { socket } = this.opts;
    const onMessage: OperatorServerEvents['message:created'] = (m) => {
      this.outbox.delivered(m.id);
      const known = this.store.value.histories[m.conversationId]?.messages.some((x) => x.id === m.id) ?? false;
      this.store.update((s) => addMessages(s, m.conversationId, [m]));
      if (!known && m.author.kind === 'visitor') this.visitorWrote(m);
    };
    const onUpdated: OperatorServerEvents['conversation:updated'] = (c) => {
      const before = this.store.value.conversations[c.id];
      this.store.update((s) => upsertConversation(s, c));
      if (c.status === 'queued' && before?.status !== 'queued' && this.store.value.conversations[c.id] === c) this.attention.tell({ type: 'waiting', conversation: c });
    };
    const onAssigned: OperatorServerEvents['conversation:assigned'] = (a) => {
      const before = this.store.value.conversations[a.conversationId];
      this.store.update((s) => applyAssigned(s, a));
      const now = this.store.value.conversations[a.conversationId];
      if (now && a.operator.id === this.operator.id && before?.operator?.id !== this.operator.id) this.attention.tell({ type: 'assigned', conversation: now });
    };
    // The status is the server's: it says it on every connect, and whenever any tab changes it.
    const onPresence: OperatorServerEvents['presence:updated'] = ({ status }) => this.setUi({ presence: { ...this.ui.value.presence, status } });

    socket.on('message:created', onMessage);
    socket.on('conversation:updated', onUpdated);
    socket.on('conversation:assigned', onAssigned);
    socket.on('presence:updated', onPresence);
    this.cleanups.push(() => {
      socket.off('message:created', onMessage);
      socket.off('conversation:updated', onUpdated);
      socket.off('conversation:assigned', onAssigned);
      socket.off('presence:updated', onPresence);
    });

    this.connection.start();
    void this.loadList();
    void this.loadConfig();
    // Back to the tab: what is on screen has been seen.
    if (typeof document !== 'undefined') {
      const onVisible = (): void => {
        if (document.visibilityState === 'visible' && this.ui.value.selectedId) this.attention.seen(this.ui.value.selectedId);
      };
      document.addEventListener('visibilitychange', onVisible);
      this.cleanups.push(() => document.removeEventListener('visibilitychange', onVisible));
    }
  }

  /** Hears what the operator should notice (the notifier plays a sound, shows a notification, counts in the title). */
  onActivity(listener: (activity: Activity) => void): () => void {
    return this.attention.onActivity(listener);
  }

  /** Every (re)connect: the first follows the initial list load; later ones resync what the outage may have hidden. */
  private connected(): void {
    if (this.connectedBefore) void this.loadList();
    this.connectedBefore = true;
    const selected = this.ui.value.selectedId;
    if (selected) void this.watch(selected);
    this.outbox.flush();
  }

  /** Moves the selection `delta` rows down (or up) the given order of conversations, wrapping around. */
  selectNext(order: readonly string[], delta: 1 | -1): void {
    if (order.length === 0) return;
    const at = this.ui.value.selectedId ? order.indexOf(this.ui.value.selectedId) : -1;
    const next = at < 0 ? (delta > 0 ? 0 : order.length - 1) : (at + delta + order.length) % order.length;
    this.select(order[next] ?? null);
  }

  /** Writes an internal note in the selected conversation: colleagues see it, the visitor never does. */
  sendNote(text: string): void {
    const id = this.ui.value.selectedId;
    if (!id) return;
    this.outbox.enqueue(id, text, 'note');
  }

  /** Hands the selected conversation to a colleague or a department, with an optional note for them. */
  async transfer(to: ConversationTransfer['to'], note?: string): Promise<boolean> {
    const id = this.ui.value.selectedId;
    if (!id || this.ui.value.busy) return false;
    this.setUi({ busy: 'transfer', error: null });
    const res = await this.channel.request('conversation:transfer', { conversationId: id, to, ...(note ? { note } : {}) });
    if (res.ok) this.store.update((s) => upsertConversation(s, res.conversation));
    this.setUi({ busy: null, error: res.ok ? null : res.error });
    return res.ok;
  }

  /** Opens the selected closed conversation again, as the operator's. */
  async reopen(): Promise<void> {
    const id = this.ui.value.selectedId;
    if (!id || this.ui.value.busy) return;
    this.setUi({ busy: 'reopen', error: null });
    const res = await this.channel.request('conversation:reopen', { conversationId: id });
    if (res.ok) {
      this.store.update((s) => upsertConversation(s, res.conversation));
      void this.watch(id);
    }
    this.setUi({ busy: null, error: res.ok ? null : res.error });
  }

  /** Shows a conversation found elsewhere (the history, the visitor panel) in the chat view. */
  open(conversation: Conversation): void {
    this.store.update((s) => upsertConversation(s, conversation));
    this.select(conversation.id);
  }

  private visible(): boolean {
    return this.opts.isVisible ? this.opts.isVisible() : typeof document === 'undefined' || document.visibilityState !== 'hidden';
  }

  private visitorWrote(message: Message): void {
    const conversation = this.store.value.conversations[message.conversationId];
    if (!conversation) return;
    this.attention.visitorWrote({ type: 'message', conversation, message }, this.ui.value.selectedId === message.conversationId && this.visible());
  }

  private async loadConfig(): Promise<void> {
    if (!this.opts.loadConfig) return;
    try {
      this.config.set(await this.opts.loadConfig());
    } catch {
      // The defaults serve until the next sign-in; nothing here is worth a banner.
    }
  }

  stop(): void {
    this.stopped = true;
    this.connection.stop();
    this.outbox.dispose();
    for (const fn of this.cleanups.splice(0)) fn();
    this.opts.socket.disconnect();
  }

  select(conversationId: string | null): void {
    const previous = this.ui.value.selectedId;
    if (conversationId === previous) return;
    this.setUi({ selectedId: conversationId, error: null });
    if (conversationId) this.attention.seen(conversationId);
    // Leave the room of a conversation the operator only looked at; their own chats stay
    // watched, so their messages keep arriving wherever the operator looks.
    if (previous && !this.isMine(previous)) void this.channel.request('conversation:unwatch', { conversationId: previous });
    if (conversationId) void this.watch(conversationId);
  }

  /** Online takes new chats, away keeps the current ones, offline hands them back to the queue. */
  async setPresence(status: OperatorStatus): Promise<void> {
    await this.sendPresence(status);
  }

  async accept(): Promise<void> {
    const id = this.ui.value.selectedId;
    if (!id || this.ui.value.busy) return;
    this.setUi({ busy: 'accept', error: null });
    const res = await this.channel.request('conversation:accept', { conversationId: id });
    if (res.ok) {
      this.store.update((s) => upsertConversation(s, res.conversation));
      this.setUi({ busy: null });
      if (!this.store.value.histories[id]?.complete) void this.watch(id);
    } else {
      this.setUi({ busy: null, error: res.error });
    }
  }

  async close(): Promise<void> {
    const id = this.ui.value.selectedId;
    if (!id || this.ui.value.busy) return;
    this.setUi({ busy: 'close', error: null });
    const res = await this.channel.request('conversation:close', { conversationId: id });
    if (res.ok) this.store.update((s) => upsertConversation(s, res.conversation));
    this.setUi({ busy: null, error: res.ok ? null : res.error });
  }

  send(text: string, attachments: readonly Attachment[] = []): void {
    const id = this.ui.value.selectedId;
    if (!id) return;
    this.outbox.enqueue(id, text, 'text', attachments);
  }

  dismissError(): void {
    this.setUi({ error: null });
  }

  private isMine(conversationId: string): boolean {
    const c = this.store.value.conversations[conversationId];
    return c?.status === 'assigned' && c.operator?.id === this.operator.id;
  }

  private async sendPresence(status: OperatorStatus): Promise<void> {
    this.setUi({ presence: { ...this.ui.value.presence, pending: status } });
    const res = await this.channel.request('presence:set', { status });
    const acked = this.ui.value.presence;
    // A later choice is on its way: its answer is the one to show.
    if (acked.pending !== status) return;
    if (res.ok) this.setUi({ presence: { status: res.status, pending: null } });
    // Offline is not worth a banner: the server says the status again on the next connect.
    else this.setUi({ presence: { ...acked, pending: null }, ...(res.error.code === ClientErrorCode.Offline ? {} : { error: res.error }) });
  }

  private async watch(conversationId: string): Promise<void> {
    const since = lastCursor(this.store.value, conversationId);
    const first = !this.store.value.histories[conversationId]?.complete;
    if (first) this.setUi({ loading: true });
    const res = await this.channel.request('conversation:watch', since ? { conversationId, since } : { conversationId });
    if (this.ui.value.selectedId === conversationId) this.setUi({ loading: false });
    if (res.ok) {
      this.store.update((s) => addMessages(upsertConversation(s, res.conversation), conversationId, res.messages, true));
    } else if (res.error.code !== ClientErrorCode.Offline && this.ui.value.selectedId === conversationId) {
      // Offline is not worth a banner: the next connect watches again.
      this.setUi({ error: res.error });
    }
  }

  private async loadList(): Promise<void> {
    try {
      const list = await this.opts.api.conversations();
      this.store.update((s) => replaceConversations(s, list));
    } catch (err) {
      this.handleApiError(err);
    }
  }

  private handleApiError(err: unknown): void {
    if (err instanceof ApiError && err.status === 401) {
      this.opts.onSessionExpired();
      return;
    }
    this.setUi({ error: toConsoleError(err) });
  }

  private setUi(patch: Partial<WorkspaceUi>): void {
    if (this.stopped) return;
    this.ui.update((ui) => ({ ...ui, ...patch }));
  }
}
