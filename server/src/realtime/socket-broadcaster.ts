import {
  NAMESPACES,
  visibleToVisitor,
  type Conversation,
  type Escalation,
  type Message,
  type OperatorClientEvents,
  type OperatorServerEvents,
  type OperatorTypingUpdated,
  type QueueUpdated,
  type ReceiptsUpdated,
  type VisitorTypingUpdated,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '@introserv/shared';
import type { Namespace, Server } from 'socket.io';
import type { ConnectionControl } from '../auth/connection-control.js';
import type { Broadcaster } from '../chat/broadcaster.js';
import type { EscalationBroadcaster } from '../tickets/escalation.service.js';
import { toVisitorView } from '../chat/chat.service.js';
import { publishToPeers, type PeerWatch } from './local-first-adapter.js';
import type { QueueListener } from '../waiting/waiting-line.js';
import { rooms } from './rooms.js';

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents>;
export type OperatorNamespace = Namespace<OperatorClientEvents, OperatorServerEvents>;

/**
 * The chat's Broadcaster and auth's ConnectionControl over Socket.IO rooms. Through the
 * adapter, each call reaches the sockets of every server process.
 */
export class SocketBroadcaster implements Broadcaster, ConnectionControl, EscalationBroadcaster, QueueListener {
  private readonly visitors: VisitorNamespace;
  private readonly operators: OperatorNamespace;

  constructor(
    io: Server,
    private readonly peers?: PeerWatch,
  ) {
    this.visitors = io.of(NAMESPACES.visitor);
    this.operators = io.of(NAMESPACES.operator);
  }

  /**
   * Delivered on this process at once; to the others as one adapter message for both namespaces
   * (on the adapter's stream, after the room joins that came before it).
   */
  messageCreated(message: Message, except?: string): void {
    const room = rooms.conversation(message.conversationId);
    const toVisitors = visibleToVisitor(message);
    // A socket is in the room named by its id, so `except` skips just the sender (not its other tabs).
    if (toVisitors) (except ? this.visitors.local.to(room).except(except) : this.visitors.local.to(room)).emit('message:created', message);
    this.operators.local.to(room).emit('message:created', message);
    publishToPeers(this.operators.adapter, room, 'message:created', message, toVisitors ? NAMESPACES.visitor : undefined, this.peers);
  }

  conversationTouched(c: Conversation): void {
    if (c.status === 'queued') this.operators.to(rooms.allOperators).emit('conversation:updated', c);
  }

  conversationUpdated(c: Conversation): void {
    this.operators.to(rooms.allOperators).emit('conversation:updated', c);
    this.visitors.to(rooms.conversation(c.id)).emit('conversation:updated', toVisitorView(c));
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

  operatorLeft(conversationId: string, operatorId: string): void {
    this.operators.in(rooms.operator(operatorId)).socketsLeave(rooms.conversation(conversationId));
  }

  visitorOpened(visitorId: string, conversationId: string): void {
    this.visitors.in(rooms.visitor(visitorId)).socketsJoin(rooms.conversation(conversationId));
  }

  /** Escalations are rare and every operator may need to act on one (a failure is an alert), so all hear them. */
  escalationUpdated(escalation: Escalation): void {
    this.operators.to(rooms.allOperators).emit('escalation:updated', escalation);
  }

  endSession(sessionKey: string): void {
    this.operators.in(rooms.session(sessionKey)).disconnectSockets(true);
  }

  endOperator(operatorId: string): void {
    this.operators.in(rooms.operator(operatorId)).disconnectSockets(true);
  }

  visitorTyping(update: VisitorTypingUpdated): void {
    this.operators.to(rooms.conversation(update.conversationId)).emit('typing:updated', update);
  }

  operatorTyping(update: OperatorTypingUpdated): void {
    this.visitors.to(rooms.conversation(update.conversationId)).emit('typing:updated', update);
  }

  receiptsUpdated(update: ReceiptsUpdated): void {
    this.visitors.to(rooms.conversation(update.conversationId)).emit('receipt:updated', update);
  }

  queueUpdated(update: QueueUpdated): void {
    this.visitors.to(rooms.conversation(update.conversationId)).emit('queue:updated', update);
  }
}
