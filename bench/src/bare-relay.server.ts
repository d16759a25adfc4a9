/**
 * The baseline of `latency.bench.ts`: a bare Socket.IO relay, nothing else. Run as its own
 * process (`node --import tsx src/bare-relay.server.ts`) so that its CPU is separate from
 * the load generator's, exactly as our server is run in the other phases.
 *
 * Same wire shape as our server on purpose (WebSocket, one broadcast to a room per message,
 * an ack to the sender), so the difference the bench measures is our per-message work:
 * validation, the store, routing state, the adapter. No store, no validation, no adapter.
 * Prints `{"port":N}` on stdout once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

export interface RelayPayload {
  /** The room (one per chat) the message goes to. */
  room: string;
  /** Message sequence number in the bench run. */
  g: number;
  /** `performance.now()` in the load generator at send time. */
  t: number;
}

export interface RelayClientEvents {
  join: (rooms: string[], ack: () => void) => void;
  msg: (payload: RelayPayload, ack: () => void) => void;
}

export interface RelayServerEvents {
  msg: (payload: RelayPayload) => void;
}

const http = createServer();
// The options our server uses that matter on the hot path (buffer limit, ping timing).
const io = new Server<RelayClientEvents, RelayServerEvents>(http, { maxHttpBufferSize: 64 * 1024, pingInterval: 20_000, pingTimeout: 20_000 });

io.on('connection', (socket) => {
  socket.on('join', (rooms, ack) => {
    void socket.join(rooms);
    ack();
  });
  socket.on('msg', (payload, ack) => {
    io.to(payload.room).emit('msg', payload);
    ack();
  });
});

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});

const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
