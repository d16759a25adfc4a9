import type { OperatorServerEvents } from '@introserv/shared';
import { Signal } from '@introserv/shared/client';
import type { OperatorChannel } from '../realtime/channel.js';

/** The visitor's draft as the operator sees it before it is sent. */
export interface VisitorDraft {
  text: string;
  /** When it last changed; it fades TYPING_SHOWN_MS later unless renewed. */
  at: number;
}

/** The operator's typing is told at most this often (the server's budget is 5 per second). */
export const TYPING_INTERVAL_MS = 1_000;
/** No keystroke for this long: the operator stopped typing. */
export const TYPING_IDLE_MS = 3_000;
/** A visitor draft not renewed (a lost stop) disappears after this. */
export const TYPING_SHOWN_MS = 6_000;

/**
 * Typing both ways, never stored. In: the visitor's live draft per conversation (what they
 * type before sending), from `typing:updated`. Out: the operator is typing, told to the
 * visitor at most once a second, and that they stopped (after a pause, on an empty field,
 * on send).
 */
export class TypingRelay {
  readonly drafts = new Signal<Readonly<Record<string, VisitorDraft | undefined>>>({});
  private readonly fades = new Map<string, ReturnType<typeof setTimeout>>();
  private sent: { conversationId: string; at: number } | null = null;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly channel: Pick<OperatorChannel, 'request' | 'socket'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Listens for the visitors' drafts; returns what stops it. */
  start(): () => void {
    const onTyping: OperatorServerEvents['typing:updated'] = ({ conversationId, typing, text }) => {
      clearTimeout(this.fades.get(conversationId));
      if (typing) this.fades.set(conversationId, setTimeout(() => this.clear(conversationId), TYPING_SHOWN_MS));
      this.drafts.update((d) => ({ ...d, [conversationId]: typing ? { text, at: this.now() } : undefined }));
    };
    // A message the visitor sent is no longer a draft.
    const onMessage: OperatorServerEvents['message:created'] = (m) => {
      if (m.author.kind === 'visitor') this.clear(m.conversationId);
    };
    this.channel.socket.on('typing:updated', onTyping);
    this.channel.socket.on('message:created', onMessage);
    return () => {
      this.channel.socket.off('typing:updated', onTyping);
      this.channel.socket.off('message:created', onMessage);
      for (const t of this.fades.values()) clearTimeout(t);
      clearTimeout(this.idle);
    };
  }

  /** The operator's reply field changed in a conversation they have. */
  draft(conversationId: string, text: string): void {
    clearTimeout(this.idle);
    if (!text.trim()) {
      this.stop();
      return;
    }
    this.idle = setTimeout(() => this.stop(), TYPING_IDLE_MS);
    const last = this.sent;
    if (last?.conversationId === conversationId && this.now() - last.at < TYPING_INTERVAL_MS) return;
    if (last && last.conversationId !== conversationId) this.tell(last.conversationId, false);
    this.sent = { conversationId, at: this.now() };
    this.tell(conversationId, true);
  }

  /** Sent, emptied, left, or paused: the visitor stops seeing "typing". */
  stop(): void {
    clearTimeout(this.idle);
    if (!this.sent) return;
    this.tell(this.sent.conversationId, false);
    this.sent = null;
  }

  private clear(conversationId: string): void {
    clearTimeout(this.fades.get(conversationId));
    if (this.drafts.value[conversationId]) this.drafts.update((d) => ({ ...d, [conversationId]: undefined }));
  }

  private tell(conversationId: string, typing: boolean): void {
    // Best effort: a lost indicator is not worth a retry or a banner.
    void this.channel.request('typing:set', { conversationId, typing });
  }
}
