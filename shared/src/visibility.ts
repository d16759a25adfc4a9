import type { Message } from './schemas/message.js';

/**
 * Whether the visitor may see a message: never an internal note. The server filters
 * with this before anything reaches the `/visitor` namespace or a visitor's transcript.
 */
export function visibleToVisitor(message: Pick<Message, 'kind'>): boolean {
  return message.kind !== 'note';
}
