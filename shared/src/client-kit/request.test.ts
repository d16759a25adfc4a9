import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from './request.js';

/** A real Socket.IO server: `echo` acks at once, `slow` never, `drop` closes the connection instead of answering. */
async function serve() {
  const http = createServer();
  const server = new Server(http);
  server.on('connection', (socket) => {
    socket.on('echo', (payload: unknown, ack: (res: unknown) => void) => ack({ ok: true, echoed: payload }));
    socket.on('slow', () => {});
    socket.on('drop', () => socket.disconnect(true));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client: Socket = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  return {
    client,
    close: async () => {
      client.disconnect();
      await server.close();
    },
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('request (timeout().emitWithAck() on a real Socket.IO connection)', () => {
  it('settles with the ack', async () => {
    const s = await serve();
    close = s.close;
    await expect(request(s.client, 'echo', { n: 1 })).resolves.toEqual({ ok: true, echoed: { n: 1 } });
  });

  it('settles as TIMEOUT when no ack comes in time, the socket still connected', async () => {
    const s = await serve();
    close = s.close;
    const reply = await request(s.client, 'slow', {}, 50);
    expect(reply).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(s.client.connected).toBe(true);
  });

  it('settles as OFFLINE when the connection drops before the ack', async () => {
    const s = await serve();
    close = s.close;
    const reply = await request(s.client, 'drop', {}, 5_000);
    expect(reply).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
  });

  it('sends nothing while not connected: OFFLINE at once, never buffered for later', async () => {
    const s = await serve();
    close = s.close;
    s.client.disconnect();
    const reply = await request(s.client, 'echo', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(s.client.sendBuffer).toEqual([]);
  });
});
