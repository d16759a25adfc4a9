import type { Message } from './schemas/message.js';

/**
 * Whether the visitor may see a message: never an internal note, and never an operators'
 * bookkeeping event (an escalation's progress; the visitor hears of the ticket once it
 * exists). The server filters with this before anything reaches the `/visitor` namespace,
 * a visitor's history or a transcript a visitor may read.
 */
export function visibleToVisitor(message: Pick<Message, 'kind' | 'event'>): boolean {
  if (message.kind === 'note') return false;
  return !(message.kind === 'system' && message.event?.type === 'escalation');
}
