import {
  NAMESPACES,
  type Conversation,
  type Message,
  type OperatorClientEvents,
  type OperatorServerEvents,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '@introserv/shared';
import type { Namespace, Server } from 'socket.io';
import { rooms } from './rooms.js';

/**
 * Who hears about what. The chat service and routing call these; they never touch sockets.
 * Through the Socket.IO adapter, each call reaches the sockets of every server process.
 */
export interface Broadcaster {
  messageCreated(message: Message): void;
  /** Status or assignment changed: operators and the visitor hear it. */
  conversationUpdated(conversation: Conversation): void;
  /**
   * Only the last message changed. Operators in the conversation's room already have the
   * message (and derive the preview from it); everyone else needs the preview only while
   * the conversation waits in the queue, so the per-message fan-out stays at one room.
   */
  conversationTouched(conversation: Conversation): void;
  /** `conversation.operator` is the operator who got it. */
  conversationAssigned(conversation: Conversation): void;
  /** Every tab of the visitor follows the conversation one tab opened. */
  visitorOpened(visitorId: string, conversationId: string): void;
}

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents>;
export type OperatorNamespace = Namespace<OperatorClientEvents, OperatorServerEvents>;

export class SocketBroadcaster implements Broadcaster {
  private readonly visitors: VisitorNamespace;
  private readonly operators: OperatorNamespace;

  constructor(io: Server) {
    this.visitors = io.of(NAMESPACES.visitor);
    this.operators = io.of(NAMESPACES.operator);
  }

  messageCreated(message: Message): void {
    const room = rooms.conversation(message.conversationId);
    this.visitors.to(room).emit('message:created', message);
    this.operators.to(room).emit('message:created', message);
  }

  conversationTouched(c: Conversation): void {
    if (c.status === 'queued') this.operators.to(rooms.allOperators).emit('conversation:updated', c);
  }

  conversationUpdated(c: Conversation): void {
    this.operators.to(rooms.allOperators).emit('conversation:updated', c);
    this.visitors.to(rooms.conversation(c.id)).emit('conversation:updated', {
      id: c.id,
      status: c.status,
      operator: c.operator ? { name: c.operator.name } : null,
    });
  }

  conversationAssigned(c: Conversation): void {
    if (!c.operator) return;
    const fact = { conversationId: c.id, operator: c.operator };
    // Joins travel through the adapter in order with the broadcasts after them, so the
    // operator's sockets on other processes are in the room before the next message.
    this.operators.in(rooms.operator(c.operator.id)).socketsJoin(rooms.conversation(c.id));
    this.operators.to(rooms.allOperators).emit('conversation:assigned', fact);
    this.visitors.to(rooms.conversation(c.id)).emit('conversation:assigned', fact);
    this.conversationUpdated(c);
  }

  visitorOpened(visitorId: string, conversationId: string): void {
    this.visitors.in(rooms.visitor(visitorId)).socketsJoin(rooms.conversation(conversationId));
  }
}
