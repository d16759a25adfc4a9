import {
  NAMESPACES,
  type CommandResult,
  type OperatorClientEvents,
  type OperatorServerEvents,
  type operatorCommands,
  type WireError,
} from '@introserv/shared';
import { TIMING } from '@introserv/shared/client';
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { ClientErrorCode, type ConsoleError } from '../api/errors.js';

export type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;

type Commands = typeof operatorCommands;
export type CommandName = keyof Commands;
export type CommandPayload<E extends CommandName> = z.input<Commands[E]['payload']>;

/** A command's reply: the server's ack, or TIMEOUT / OFFLINE made on this side. */
export type CommandReply<E extends CommandName> =
  | ({ ok: true } & CommandResult<Commands, E>)
  | { ok: false; error: WireError | ConsoleError };

type ReplyListener = (res: CommandReply<CommandName>) => void;

/** Opens the `/operator` namespace; the session cookie authenticates it. */
export function connectOperatorSocket(): OperatorSocket {
  return io(NAMESPACES.operator, {
    // WebSocket first: no sticky sessions are needed behind a load balancer.
    transports: ['websocket', 'polling'],
    withCredentials: true,
  });
}

/**
 * Request/reply over the operator socket. Unlike a bare `emit`, a command is never
 * buffered while offline (the caller decides what to retry) and always settles: with the
 * ack, with OFFLINE when the connection drops first, or with TIMEOUT.
 */
export class OperatorChannel {
  private readonly inFlight = new Set<ReplyListener>();

  constructor(
    readonly socket: OperatorSocket,
    private readonly timeoutMs: number = TIMING.commandTimeoutMs,
  ) {
    socket.on('disconnect', () => {
      for (const settle of [...this.inFlight]) settle(failure(ClientErrorCode.Offline, 'disconnected before the ack'));
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  request<E extends CommandName>(event: E, payload: CommandPayload<E>): Promise<CommandReply<E>> {
    if (!this.socket.connected) return Promise.resolve(failure(ClientErrorCode.Offline, 'not connected'));
    return new Promise((resolve) => {
      const settle = (res: CommandReply<E>): void => {
        if (!this.inFlight.delete(settle)) return;
        clearTimeout(timer);
        resolve(res);
      };
      const timer = setTimeout(() => settle(failure(ClientErrorCode.Timeout, `${event}: no ack in ${this.timeoutMs} ms`)), this.timeoutMs);
      this.inFlight.add(settle);
      // Socket.IO's typed emit cannot match a payload/ack pair through the generic E
      // (TS does not narrow a mapped tuple by a type parameter); the pair is checked by
      // CommandPayload<E> / CommandReply<E> above, so this cast only widens the call.
      const emit = this.socket.emit.bind(this.socket) as unknown as (
        event: E,
        payload: CommandPayload<E>,
        ack: (res: CommandReply<E>) => void,
      ) => void;
      emit(event, payload, settle);
    });
  }
}

function failure(code: ConsoleError['code'], message: string): { ok: false; error: ConsoleError } {
  return { ok: false, error: { code, message } };
}
