import type { Message, SystemEventType } from './schemas/message.js';

/**
 * Whether the visitor may see a message: never an internal note, never an operators'
 * bookkeeping event (an escalation's progress — the visitor hears of the ticket once it
 * exists — or the `queued` routing record: the widget says "waiting for an operator" itself).
 * The server filters with this before anything reaches the `/visitor` namespace, a visitor's
 * history or a transcript a visitor may read.
 */
export function visibleToVisitor(message: Pick<Message, 'kind'> & { event?: Message['event'] | { type: SystemEventType } }): boolean {
  if (message.kind === 'note') return false;
  const type = message.event?.type;
  return !(message.kind === 'system' && (type === 'escalation' || type === 'queued'));
}
