import type { Message } from '@introserv/shared/client';
import type { VisitorSocket } from '../visitor-chat.js';

type Listener = (...args: unknown[]) => void;

export interface Emitted {
  event: string;
  payload: unknown;
  ack: (response: unknown) => void;
}

/**
 * Plays the server side of a socket.io-client Socket for unit tests: tests connect and
 * drop it, push facts, and answer the commands the chat emitted.
 */
export class FakeSocket {
  connected = false;
  private listeners = new Map<string, Listener[]>();
  emitted: Emitted[] = [];
  /** Requests (`timeout().emitWithAck()`) waiting for their ack: rejected when the connection goes, as socket.io-client does. */
  private readonly waiting = new Set<() => void>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, payload: unknown, ack: (response: unknown) => void): this {
    this.emitted.push({ event, payload, ack });
    return this;
  }

  /**
   * socket.io-client's request with a timeout: the emit is recorded like any other (the test
   * answers it with `ack`), and the promise rejects when no ack came within `ms` or when the
   * connection goes first.
   */
  timeout(ms: number): { emitWithAck: (event: string, payload: unknown) => Promise<unknown> } {
    return {
      emitWithAck: (event, payload) =>
        new Promise((resolve, reject) => {
          const settle = (fn: () => void): void => {
            if (!this.waiting.delete(drop)) return;
            clearTimeout(timer);
            fn();
          };
          const drop = (): void => settle(() => reject(new Error('socket has been disconnected')));
          const timer = setTimeout(() => settle(() => reject(new Error('operation has timed out'))), ms);
          this.waiting.add(drop);
          this.emitted.push({ event, payload, ack: (response) => settle(() => resolve(response)) });
        }),
    };
  }

  disconnect(): this {
    this.connected = false;
    this.clearAcks();
    return this;
  }

  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  connect(): void {
    this.connected = true;
    this.fire('connect');
  }

  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
    this.clearAcks();
  }

  /** Like socket.io-client on close: after the disconnect event, every request still waiting fails. */
  private clearAcks(): void {
    for (const drop of [...this.waiting]) drop();
  }

  /** Removes and returns what the chat emitted for `event`, oldest first. */
  take(event: string): Emitted[] {
    const taken = this.emitted.filter((e) => e.event === event);
    this.emitted = this.emitted.filter((e) => e.event !== event);
    return taken;
  }

  /**
   * socket.io-client's `on`/`emit` are generic over conditional listener types that a
   * plain class cannot restate; the tests exercise the same event names and payloads.
   */
  asSocket(): VisitorSocket {
    return this as unknown as VisitorSocket;
  }
}

let seq = 0;
/** A stored message as the server would send it. */
export function storedMessage(overrides: Partial<Message> = {}): Message {
  seq += 1;
  return {
    id: `msg-${String(seq).padStart(6, '0')}`,
    conversationId: 'conv_1',
    cursor: `1700000000000-${seq}`,
    kind: 'text',
    author: { kind: 'operator', id: 'op_1', name: 'Ana' },
    text: `text ${seq}`,
    createdAt: 1700000000000 + seq,
    ...overrides,
  };
}
