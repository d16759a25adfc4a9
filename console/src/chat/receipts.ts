import type { Message, OperatorServerEvents } from '@introserv/shared';
import { compareCursor } from '@introserv/shared/client';
import type { OperatorChannel } from '../realtime/channel.js';

/** Receipts of one conversation are sent at most this often. */
export const RECEIPT_DEBOUNCE_MS = 300;

/**
 * Tells the visitor how far their messages got: `delivered` when they reach this console
 * (live, in a conversation this operator has), `read` when the operator has the
 * conversation on screen in a visible tab. Cursors only move forward; each conversation's
 * receipts are sent at most every RECEIPT_DEBOUNCE_MS.
 */
export class ReceiptReporter {
  private readonly told = new Map<string, { delivered?: string; read?: string }>();
  private readonly due = new Map<string, { delivered?: string; read?: string }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly channel: Pick<OperatorChannel, 'request' | 'socket'>,
    /** Whether the conversation is this operator's (only their receipts count). */
    private readonly isMine: (conversationId: string) => boolean,
  ) {}

  start(): () => void {
    const onMessage: OperatorServerEvents['message:created'] = (m) => {
      if (m.author.kind === 'visitor' && this.isMine(m.conversationId)) this.report(m.conversationId, 'delivered', m.cursor);
    };
    this.channel.socket.on('message:created', onMessage);
    return () => {
      this.channel.socket.off('message:created', onMessage);
      for (const t of this.timers.values()) clearTimeout(t);
    };
  }

  /** The operator sees these messages now (the conversation is on screen and the tab visible). */
  seen(conversationId: string, messages: readonly Message[]): void {
    if (!this.isMine(conversationId)) return;
    const last = [...messages].reverse().find((m) => m.author.kind === 'visitor');
    if (last) this.report(conversationId, 'read', last.cursor);
  }

  private report(conversationId: string, kind: 'delivered' | 'read', cursor: string): void {
    const told = this.told.get(conversationId)?.[kind];
    const due = this.due.get(conversationId) ?? {};
    const pending = due[kind];
    if ((told && compareCursor(cursor, told) <= 0) || (pending && compareCursor(cursor, pending) <= 0)) return;
    this.due.set(conversationId, { ...due, [kind]: cursor });
    if (this.timers.has(conversationId)) return;
    this.timers.set(
      conversationId,
      setTimeout(() => {
        this.timers.delete(conversationId);
        const next = this.due.get(conversationId);
        this.due.delete(conversationId);
        if (!next) return;
        this.told.set(conversationId, { ...this.told.get(conversationId), ...next });
        void this.channel.request('conversation:receipt', { conversationId, ...next });
      }, RECEIPT_DEBOUNCE_MS),
    );
  }
}
