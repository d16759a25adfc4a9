import {
  NAMESPACES,
  type CommandResult,
  type OperatorClientEvents,
  type OperatorServerEvents,
  type operatorCommands,
  type WireError,
} from '@introserv/shared';
import { TIMING } from '@introserv/shared/client';
import { request } from '@introserv/shared/client/request';
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import type { ConsoleError } from '../api/errors.js';

export type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;

type Commands = typeof operatorCommands;
export type CommandName = keyof Commands;
export type CommandPayload<E extends CommandName> = z.input<Commands[E]['payload']>;

/** A command's reply: the server's ack, or TIMEOUT / OFFLINE made on this side. */
export type CommandReply<E extends CommandName> =
  | ({ ok: true } & CommandResult<Commands, E>)
  | { ok: false; error: WireError | ConsoleError };

/** Opens the `/operator` namespace; the session cookie authenticates it. */
export function connectOperatorSocket(): OperatorSocket {
  return io(NAMESPACES.operator, {
    // WebSocket first: no sticky sessions are needed behind a load balancer.
    transports: ['websocket', 'polling'],
    withCredentials: true,
  });
}

/**
 * Request/reply over the operator socket, typed by the command registry: the client kit's
 * `request` (Socket.IO's `timeout().emitWithAck()`), so a command is never buffered while
 * offline (the caller decides what to retry) and always settles: with the ack, with OFFLINE
 * when not connected or when the connection drops first, or with TIMEOUT.
 */
export class OperatorChannel {
  constructor(
    readonly socket: OperatorSocket,
    private readonly timeoutMs: number = TIMING.commandTimeoutMs,
  ) {}

  get connected(): boolean {
    return this.socket.connected;
  }

  request<E extends CommandName>(event: E, payload: CommandPayload<E>): Promise<CommandReply<E>> {
    // The registry pairs each event with its payload and result (CommandPayload<E> / CommandReply<E>).
    return request<CommandResult<Commands, E>>(this.socket, event, payload, this.timeoutMs);
  }
}
