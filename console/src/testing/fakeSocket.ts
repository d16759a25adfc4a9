import type { OperatorSocket } from '../realtime/channel.js';

export interface Emitted {
  event: string;
  payload: unknown;
  ack: (res: unknown) => void;
}

/**
 * Just enough of a Socket.IO client socket for the console's logic: records emits with
 * their ack callbacks, and lets a test connect, drop and push facts.
 */
export class FakeSocket {
  connected = false;
  active = true;
  readonly emitted: Emitted[] = [];
  private readonly handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  /** Requests (`timeout().emitWithAck()`) waiting for their ack: rejected when the connection goes, as socket.io-client does. */
  private readonly waiting = new Set<() => void>();

  on(event: string, fn: (...args: unknown[]) => void): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)?.add(fn);
    return this;
  }

  off(event: string, fn: (...args: unknown[]) => void): this {
    this.handlers.get(event)?.delete(fn);
    return this;
  }

  emit(event: string, payload: unknown, ack: (res: unknown) => void): this {
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
          this.emitted.push({ event, payload, ack: (res) => settle(() => resolve(res)) });
        }),
    };
  }

  /** The client API's own disconnect (called by Workspace.stop). */
  disconnect(): this {
    this.active = false;
    if (this.connected) this.drop('io client disconnect');
    return this;
  }

  connect(): this {
    this.active = true;
    return this;
  }

  // --- test controls ---

  open(): void {
    this.connected = true;
    this.fire('connect');
  }

  drop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
    // Like socket.io-client on close: after the disconnect event, every request still waiting fails.
    for (const fail of [...this.waiting]) fail();
  }

  fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }

  /** Emits of one event, in order. */
  sent(event: string): Emitted[] {
    return this.emitted.filter((e) => e.event === event);
  }

  asSocket(): OperatorSocket {
    // The fake implements the members the console calls, not Socket.IO's whole class.
    return this as unknown as OperatorSocket;
  }
}
