import type { WireError } from './errors.js';

/**
 * The reply to every client command.
 *
 * @example
 * socket.emit('message:send', { id, text }, (ack) => {
 *   if (ack.ok) show(ack.message); else retryLater(ack.error.code);
 * });
 */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: WireError };

export type AckCallback<T extends object = object> = (ack: Ack<T>) => void;
