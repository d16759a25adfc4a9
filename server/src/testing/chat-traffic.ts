import { isRetryable, type ConversationAssigned, type Message } from '@introserv/shared';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { Stores } from '../stores.js';
import { helloPayload, type OperatorSocket, type VisitorSocket } from './test-app.js';

/**
 * Visitors and an operator chatting without pause over real sockets, each behaving as the
 * widget and the console do: a client-made id per message, an outbox resent (same id) until
 * acked, `hello` / `conversation:watch` again after every reconnect, messages merged by id.
 * The disruption tests (a Redis failover, processes killed and restarted behind nginx) run it
 * and then ask `verify()` whether anything acknowledged was lost or stored twice, and whether
 * each side saw everything the other side sent.
 */

/** Reconnecting as the widget and console do (socket.io-client's default backoff: 1 s, doubling, at most 5 s), over WebSocket. */
const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = { transports: ['websocket'], forceNew: true };
const RETRY_MS = 300;
const ACK_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Per client: how long each outage lasted, from the disconnect to being back (hello or watch answered). */
abstract class Client {
  readonly outages: number[] = [];
  /** Messages of the other side, by id: how many times each came live (`message:created`). */
  readonly live = new Map<string, number>();
  /** Every message of the other side known by now, live or from a history. */
  readonly seen = new Set<string>();
  readonly acked = new Set<string>();
  /** Messages refused for good (not worth a resend), with the code. */
  readonly refused: string[] = [];
  protected ready = false;
  private downSince: number | null = null;
  private pumping = false;
  protected readonly outbox: { id: string; conversationId?: string }[] = [];
  private n = 0;
  stopped = false;

  constructor(readonly name: string) {}

  get pending(): number {
    return this.outbox.length;
  }

  /** Whether the connection is up and past its hello (or watch). */
  get back(): boolean {
    return this.ready;
  }

  protected abstract get connected(): boolean;
  protected abstract send(item: { id: string; conversationId?: string }): Promise<{ ok: true; message: Message } | { ok: false; error: { code: string } }>;
  protected abstract fromOtherSide(m: Message): boolean;

  protected queue(conversationId?: string): string {
    const id = `${this.name}-msg-${String(++this.n).padStart(4, '0')}`;
    this.outbox.push({ id, ...(conversationId ? { conversationId } : {}) });
    void this.pump();
    return id;
  }

  protected wentDown(): void {
    this.ready = false;
    this.downSince ??= Date.now();
  }

  protected cameBack(): void {
    this.ready = true;
    if (this.downSince !== null) this.outages.push(Date.now() - this.downSince);
    this.downSince = null;
    void this.pump();
  }

  protected receive(m: Message, live: boolean): void {
    if (m.kind !== 'text' || !this.fromOtherSide(m)) return;
    this.seen.add(m.id);
    if (live) this.live.set(m.id, (this.live.get(m.id) ?? 0) + 1);
  }

  /** The outbox, one message at a time, each resent with its id until acked (as the widget's and console's). */
  protected async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.outbox.length > 0 && this.ready && this.connected) {
        const item = this.outbox[0]!;
        const ack = await this.send(item).catch(() => null);
        if (ack?.ok) {
          this.acked.add(item.id);
          this.outbox.shift();
          this.sent(ack.message);
        } else if (ack && !isRetryable(ack.error.code)) {
          // A refusal no resend changes: the test's own mistake, reported by verify().
          this.refused.push(`${item.id}: ${ack.error.code}`);
          this.outbox.shift();
        } else {
          await sleep(RETRY_MS);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  protected sent(_m: Message): void {}
}

export class TrafficVisitor extends Client {
  readonly socket: VisitorSocket;
  token: string | null = null;
  conversationId: string | null = null;

  constructor(url: string, name: string) {
    super(name);
    this.socket = io(`${url}/visitor`, SOCKET_OPTIONS);
    this.socket.on('connect', () => void this.hello());
    this.socket.on('disconnect', () => this.wentDown());
    this.socket.on('message:created', (m) => this.receive(m, true));
  }

  protected get connected(): boolean {
    return this.socket.connected;
  }

  /** The next message of this visitor. */
  write(): void {
    this.queue();
  }

  private async hello(): Promise<void> {
    // The whole recent history after every (re)connect, merged by id: what the widget shows.
    while (this.socket.connected && !this.stopped) {
      const ack = await this.socket.timeout(ACK_MS).emitWithAck('hello', helloPayload({ visitorToken: this.token })).catch(() => null);
      if (ack?.ok) {
        this.token = ack.visitorToken;
        for (const m of ack.messages) this.receive(m, false);
        this.cameBack();
        return;
      }
      await sleep(RETRY_MS);
    }
  }

  protected send(item: { id: string }) {
    return this.socket.timeout(ACK_MS).emitWithAck('message:send', { id: item.id, text: `${this.name} says ${item.id}` });
  }

  protected fromOtherSide(m: Message): boolean {
    return m.author.kind === 'operator';
  }

  protected override sent(m: Message): void {
    this.conversationId = m.conversationId;
  }
}

export class TrafficOperator extends Client {
  readonly socket: OperatorSocket;
  readonly conversations = new Set<string>();
  /** Which conversation each of its messages went to. */
  readonly destinations = new Map<string, string>();

  constructor(url: string, name: string, readonly operatorId: string, cookie: string) {
    super(name);
    this.socket = io(`${url}/operator`, { ...SOCKET_OPTIONS, extraHeaders: { cookie } });
    this.socket.on('connect', () => void this.watchAll());
    this.socket.on('disconnect', () => this.wentDown());
    this.socket.on('message:created', (m) => this.receive(m, true));
    this.socket.on('conversation:assigned', (a: ConversationAssigned) => {
      if (a.operator.id !== operatorId || this.conversations.has(a.conversationId)) return;
      this.conversations.add(a.conversationId);
      void this.watch(a.conversationId);
    });
  }

  protected get connected(): boolean {
    return this.socket.connected;
  }

  /** A reply in each of the operator's conversations. */
  write(): void {
    for (const c of this.conversations) this.destinations.set(this.queue(c), c);
  }

  private async watchAll(): Promise<void> {
    while (this.socket.connected && !this.stopped) {
      const all = await Promise.all([...this.conversations].map((c) => this.watch(c)));
      if (all.every(Boolean)) {
        this.cameBack();
        return;
      }
      await sleep(RETRY_MS);
    }
  }

  /** What the console does on a reconnect: watch each open chat again, merging its history. */
  private async watch(conversationId: string): Promise<boolean> {
    const ack = await this.socket.timeout(ACK_MS).emitWithAck('conversation:watch', { conversationId }).catch(() => null);
    if (!ack?.ok) return false;
    for (const m of ack.messages) this.receive(m, false);
    return true;
  }

  protected send(item: { id: string; conversationId?: string }) {
    return this.socket.timeout(ACK_MS).emitWithAck('message:send', { conversationId: item.conversationId ?? '', id: item.id, text: `${this.name} says ${item.id}` });
  }

  protected fromOtherSide(m: Message): boolean {
    return m.author.kind === 'visitor';
  }
}

export interface TrafficReport {
  /** Acked by the server, missing from the store. */
  lost: string[];
  /** Stored more than once (by id), or one text stored under two ids. */
  duplicated: string[];
  /** Acked messages of the other side that a client never got, live or on a reconnect. */
  unseen: string[];
  /** Refused for good (a permanent error code): the test sent something invalid. */
  refused: string[];
  /** Per client, the longest time from a disconnect to being back (ms); 0 if it never went down. */
  longestOutageMs: Record<string, number>;
  sent: number;
}

/**
 * Runs the chat: every `everyMs`, each visitor writes and the operator answers in each of its
 * chats. `settle()` stops writing and waits for every outbox to empty; `verify` compares what
 * was acked with what the store holds and what each side saw.
 */
export class ChatTraffic {
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    readonly visitors: TrafficVisitor[],
    readonly operator: TrafficOperator,
    private readonly everyMs: number,
  ) {}

  /** Starts the chats: each visitor's first message, then waits until the operator has them all. */
  async open(ms = 15_000): Promise<void> {
    for (const v of this.visitors) v.write();
    await until('every chat to reach the operator', () => this.visitors.every((v) => v.conversationId !== null && this.operator.conversations.has(v.conversationId)) && this.operator.back, ms, () =>
      JSON.stringify({ visitors: this.visitors.map((v) => ({ name: v.name, conversationId: v.conversationId, back: v.back, pending: v.pending })), operator: { back: this.operator.back, conversations: [...this.operator.conversations] } }),
    );
    this.ticker = setInterval(() => {
      for (const v of this.visitors) v.write();
      this.operator.write();
    }, this.everyMs);
  }

  /** Waits until every client is connected and past its hello / watch. */
  allBack(ms = 15_000): Promise<void> {
    return until('every client to be back', () => [...this.visitors, this.operator].every((c) => c.back), ms);
  }

  /** Resolves once `count` more messages have been acked in all (traffic flows). */
  async flowing(count: number, ms = 15_000): Promise<void> {
    const total = () => [...this.visitors, this.operator].reduce((n, c) => n + c.acked.size, 0);
    const target = total() + count;
    await until(`${count} more messages to be acked`, () => total() >= target, ms);
  }

  /** Stops writing and waits until every outbox is empty and every message reached the other side. */
  async settle(ms = 20_000): Promise<void> {
    clearInterval(this.ticker);
    await until('every outbox to empty', () => [...this.visitors, this.operator].every((c) => c.pending === 0), ms);
    await until('every message to reach the other side', () => this.unseen().length === 0, ms).catch(() => {});
  }

  close(): void {
    clearInterval(this.ticker);
    for (const c of [...this.visitors, this.operator]) {
      c.stopped = true;
      c.socket.disconnect();
    }
  }

  private unseen(): string[] {
    const out: string[] = [];
    for (const v of this.visitors) {
      for (const id of v.acked) if (!this.operator.seen.has(id)) out.push(id);
      for (const id of this.operator.acked) if (!v.seen.has(id) && this.repliedIn(id) === v.conversationId) out.push(id);
    }
    return out;
  }

  /** Which conversation an operator message went to (its id says nothing; the operator remembers). */
  private repliedIn(id: string): string | null {
    return this.operator.destinations.get(id) ?? null;
  }

  async verify(stores: Stores): Promise<TrafficReport> {
    const lost: string[] = [];
    const duplicated: string[] = [];
    for (const v of this.visitors) {
      const conversationId = v.conversationId;
      if (!conversationId) throw new Error(`${v.name} never opened a conversation`);
      const stored = (await stores.conversations.messagesAfter(conversationId, undefined, 100_000)).filter((m) => m.kind === 'text');
      const ids = new Map<string, number>();
      const texts = new Map<string, Set<string>>();
      for (const m of stored) {
        ids.set(m.id, (ids.get(m.id) ?? 0) + 1);
        texts.set(m.text, (texts.get(m.text) ?? new Set()).add(m.id));
      }
      for (const [id, n] of ids) if (n > 1) duplicated.push(id);
      for (const [, withText] of texts) if (withText.size > 1) duplicated.push(...withText);
      const ackedHere = [...v.acked, ...[...this.operator.acked].filter((id) => this.repliedIn(id) === conversationId)];
      for (const id of ackedHere) if (!ids.has(id)) lost.push(id);
    }
    const longestOutageMs: Record<string, number> = {};
    for (const c of [...this.visitors, this.operator]) longestOutageMs[c.name] = Math.max(0, ...c.outages);
    const sent = [...this.visitors, this.operator].reduce((n, c) => n + c.acked.size, 0);
    const refused = [...this.visitors, this.operator].flatMap((c) => c.refused);
    return { lost, duplicated, unseen: this.unseen(), refused, longestOutageMs, sent };
  }
}

async function until(what: string, check: () => boolean, ms: number, state: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${state()}`.trim());
    await sleep(50);
  }
}
