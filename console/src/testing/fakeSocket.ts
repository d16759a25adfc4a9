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
