import { randomUUID } from 'node:crypto';
import type { Ack, MessageSendResult, OperatorClientEvents, OperatorServerEvents } from '@introserv/shared';
import { io, type Socket } from 'socket.io-client';
import { ADMIN, type RunningServer } from './server.js';

/**
 * The bootstrap admin as a program rather than a browser: logs in over HTTP, holds an
 * `/operator` socket with the session cookie, and answers chats. Tests that are about the
 * widget use it so that they do not depend on the console's screens.
 */
export interface OperatorClient {
  /** Resolves with the id of a conversation routing gave this operator. */
  assignedConversation(timeoutMs?: number): Promise<string>;
  reply(conversationId: string, text: string): Promise<void>;
  close(): void;
}

export async function connectOperator(server: RunningServer): Promise<OperatorClient> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  if (res.status !== 200) throw new Error(`operator login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const operatorId = ((await res.json()) as { operator: { id: string } }).operator.id;
  const socket: Socket<OperatorServerEvents, OperatorClientEvents> = io(`${server.url}/operator`, {
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: { cookie },
  });

  return {
    async assignedConversation(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const list = await fetch(`${server.url}/api/conversations`, { headers: { cookie } });
        // Read as plain JSON: this helper must not depend on which contract fields the server fills in.
        const { conversations } = (await list.json()) as { conversations: { id: string; status: string; operator: { id: string } | null }[] };
        const mine = conversations.find((c) => c.status === 'assigned' && c.operator?.id === operatorId);
        if (mine) return mine.id;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no conversation was assigned to ${ADMIN.email} within ${timeoutMs} ms`);
    },
    async reply(conversationId, text) {
      // socket.io-client types a timed emit's ack loosely; the registry says what it is.
      const ack = (await socket.timeout(10_000).emitWithAck('message:send', { conversationId, id: randomUUID(), text })) as Ack<MessageSendResult>;
      if (!ack.ok) throw new Error(`operator reply refused: ${ack.error.code} ${ack.error.message}`);
    },
    close: () => socket.disconnect(),
  };
}
