import { io, type Socket } from 'socket.io-client';
import { Decoder, Encoder } from 'socket.io-parser';
import { NAMESPACES, type VisitorClientEvents, type VisitorServerEvents } from '@introserv/shared/client';
import { withoutArrayToJSON } from '@introserv/shared/client/safe-json';
import type { VisitorSocket } from './visitor-chat.js';

/** socket.io's encoder, unaffected by a host page's `Array.prototype.toJSON` (see the client kit's safe-json.ts). */
class GuestEncoder extends Encoder {
  override encode(packet: Parameters<Encoder['encode']>[0]): ReturnType<Encoder['encode']> {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- socket.io-parser types encoded packets as any[]; they are passed on untouched
    return withoutArrayToJSON(() => super.encode(packet));
  }
}

/**
 * WebSocket first: no sticky sessions are needed behind a load balancer, and polling
 * remains as a fallback for networks that block WebSockets.
 */
export function connectVisitor(server: string): VisitorSocket {
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(server + NAMESPACES.visitor, {
    transports: ['websocket', 'polling'],
    parser: { Encoder: GuestEncoder, Decoder },
  });
  return socket;
}
