import type { Ack } from '../ack.js';
import { TIMING } from '../timing.js';
import { ClientErrorCode, failure, type Failure } from './errors.js';

/**
 * The part of a socket.io-client `Socket` a request uses. `timeout(ms).emitWithAck()` is
 * Socket.IO's own request/reply: it rejects when no ack came in time, and when the socket
 * disconnects first (socket.io-client ≥ 4.7 clears pending acks on close).
 * https://socket.io/docs/v4/emitting-events/#with-timeout
 */
export interface AckSocket {
  readonly connected: boolean;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

/** A command's reply: the server's ack, or TIMEOUT / OFFLINE made on this side. */
export type Reply<T extends object = object> = Ack<T> | Failure;

/**
 * Sends one command and settles with its ack, whatever happens. Unlike a bare `emit`, it is
 * never buffered while offline (the caller decides what to resend, e.g. the outbox) and never
 * waits forever: OFFLINE when not connected or when the connection drops before the ack,
 * TIMEOUT when the ack does not come within `timeoutMs`.
 *
 * @example
 * const reply = await request<{ conversation: VisitorConversation }>(socket, 'conversation:close', { conversationId });
 * if (reply.ok) show(reply.conversation);
 */
export async function request<T extends object = object>(socket: AckSocket, event: string, payload: unknown, timeoutMs: number = TIMING.commandTimeoutMs): Promise<Reply<T>> {
  if (!socket.connected) return failure(ClientErrorCode.Offline, `${event}: not connected`);
  try {
    // The server acks every command with the registry's shape (shared/events.ts).
    return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    // Socket.IO marks the socket disconnected before it rejects the acks it clears, so a
    // rejection while still connected is the timeout. (Read anew: the await may have seen a drop.)
    return stillConnected(socket) ? failure(ClientErrorCode.Timeout, `${event}: no ack in ${timeoutMs} ms`) : failure(ClientErrorCode.Offline, `${event}: disconnected before the ack`);
  }
}

const stillConnected = (socket: AckSocket): boolean => socket.connected;
