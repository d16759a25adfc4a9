import { io, type Socket } from 'socket.io-client';
import { NAMESPACES, type VisitorClientEvents, type VisitorServerEvents } from '@introserv/shared/client';
import type { VisitorSocket } from './visitor-chat.js';

/**
 * WebSocket first: no sticky sessions are needed behind a load balancer, and polling
 * remains as a fallback for networks that block WebSockets.
 */
export function connectVisitor(server: string): VisitorSocket {
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(server + NAMESPACES.visitor, {
    transports: ['websocket', 'polling'],
  });
  return socket;
}
