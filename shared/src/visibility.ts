import type { Message } from './schemas/message.js';

/**
 * Whether the visitor may see a message: never an internal note, and not the routing
 * bookkeeping of a `queued` event (the widget says "waiting for an operator" itself). The
 * server filters with this before anything reaches the `/visitor` namespace or a
 * visitor's history.
 */
export function visibleToVisitor(message: Pick<Message, 'kind'> & { event?: Pick<NonNullable<Message['event']>, 'type'> }): boolean {
  return message.kind !== 'note' && message.event?.type !== 'queued';
}
