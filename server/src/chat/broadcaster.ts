import type { Conversation, Message, OperatorTypingUpdated, ReceiptsUpdated, VisitorTypingUpdated } from '@introserv/shared';

/**
 * Who hears about what: the chat service's port to the people in a conversation. The
 * realtime layer implements it over Socket.IO rooms (reaching every server process); the
 * chat service never touches sockets.
 */
export interface Broadcaster {
  /**
   * To everyone in the conversation; a message the visitor may not see (a note) reaches operators
   * only. `except`: the connection that sent it, which has it in its ack already.
   */
  messageCreated(message: Message, except?: string): void;
  /** Status, assignment or visitor presence changed: every operator and the visitor hear it. */
  conversationUpdated(conversation: Conversation): void;
  /**
   * Only the last message changed. Operators in the conversation's room already have the
   * message (and derive the preview from it); everyone else needs the preview only while
   * the conversation waits in the queue, so the per-message fan-out stays at one room.
   */
  conversationTouched(conversation: Conversation): void;
  /** `conversation.operator` got it: their connections join its room before anything else is said there. */
  conversationAssigned(conversation: Conversation): void;
  /** The operator's connections stop hearing the conversation (it was taken from them). */
  operatorLeft(conversationId: string, operatorId: string): void;
  /** Every tab of the visitor follows the conversation one tab opened. */
  visitorOpened(visitorId: string, conversationId: string): void;
  /** The visitor typed (their draft) or stopped: to the operators in the conversation. */
  visitorTyping(update: VisitorTypingUpdated): void;
  /** The operator typed or stopped: to the visitor. */
  operatorTyping(update: OperatorTypingUpdated): void;
  /** The operator received or read the visitor's messages further: to the visitor. */
  receiptsUpdated(update: ReceiptsUpdated): void;
}
