import type { Conversation } from '@introserv/shared';

/**
 * Hears every move of a department's queue that the chat service makes or learns of, so
 * that waiting visitors can be told their place (server/src/waiting/ implements it).
 * `joined`: a new conversation waits; `served`: one left the queue for an operator;
 * `returned`: one came back (its operator left); `left`: one closed while waiting.
 */
export interface QueueObserver {
  queueChanged(conversation: Conversation, how: 'joined' | 'served' | 'returned' | 'left'): void;
}
