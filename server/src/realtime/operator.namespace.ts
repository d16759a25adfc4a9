import { ErrorCode, operatorCommands } from '@introserv/shared';
import type { Socket } from 'socket.io';
import type { Sessions } from '../auth/sessions.js';
import { SESSION_COOKIE } from '../auth/sessions.js';
import type { ChatService } from '../chat/chat.service.js';
import { parseCookies } from '../http/cookies.js';
import type { Logger } from '../logger.js';
import type { Router } from '../routing/router.js';
import type { OperatorRecord, Store } from '../store/store.js';
import { bindCommands } from './bind-commands.js';
import type { OperatorNamespace } from './broadcaster.js';
import type { OriginPolicy } from './origin-policy.js';
import { rooms } from './rooms.js';
import { TokenBucket } from './token-bucket.js';

interface OperatorSocketData {
  operator: OperatorRecord;
}

/**
 * `/operator`: the console, authenticated by the same httpOnly session cookie as the API,
 * and only from this server's own origin (no cross-site WebSocket hijacking).
 */
export function setUpOperatorNamespace(
  nsp: OperatorNamespace,
  deps: { chat: ChatService; router: Router; sessions: Sessions; store: Store; origins: OriginPolicy; log: Logger },
): void {
  const { chat, router, sessions, store, origins } = deps;
  const log = deps.log.child({ nsp: 'operator' });

  nsp.use(async (socket, next) => {
    try {
      const { origin, host, cookie } = socket.handshake.headers;
      if (origin && !origins.consoleAllowed(origin, host)) {
        return next(Object.assign(new Error('origin not allowed'), { data: { code: ErrorCode.OriginNotAllowed } }));
      }
      const session = await sessions.get(parseCookies(cookie).get(SESSION_COOKIE));
      const operator = session && (await store.getOperator(session.operatorId));
      if (!operator) return next(Object.assign(new Error('not logged in'), { data: { code: ErrorCode.Unauthenticated } }));
      (socket.data as OperatorSocketData).operator = operator;
      next();
    } catch (err) {
      log.error({ err }, 'operator handshake failed');
      next(Object.assign(new Error('internal error'), { data: { code: ErrorCode.Internal } }));
    }
  });

  nsp.on('connection', (socket) => {
    const { operator } = socket.data as OperatorSocketData;
    // Listeners first, synchronously: an event that arrives before them would be dropped.
    bindOperatorCommands(socket, operator);
    const online = goOnline(socket, operator).catch((err: unknown) => log.error({ err }, 'operator connection setup failed'));
    socket.on('disconnect', () => {
      // After goOnline, so the connection count never goes down before it went up.
      void online
        .then(() => router.operatorDisconnected(operator.id))
        .catch((err: unknown) => log.error({ err }, 'operator disconnect bookkeeping failed'));
    });
  });

  async function goOnline(socket: Socket, operator: OperatorRecord): Promise<void> {
    const mine = await store.operatorConversations(operator.id);
    await socket.join([rooms.allOperators, rooms.operator(operator.id), ...mine.map((c) => rooms.conversation(c.id))]);
    await router.operatorConnected(operator.id, operator.capacity);
    log.info({ operatorId: operator.id }, 'operator online');
  }

  function bindOperatorCommands(socket: Socket, operator: OperatorRecord): void {
    bindCommands(
      socket,
      operatorCommands,
      {
        'conversation:accept': async ({ conversationId }) => {
          const conversation = await chat.accept(operator, conversationId);
          await socket.join(rooms.conversation(conversationId));
          return { conversation };
        },
        'conversation:watch': async (input) => {
          const result = await chat.watch(input);
          await socket.join(rooms.conversation(input.conversationId));
          return result;
        },
        'conversation:close': async ({ conversationId }) => ({ conversation: await chat.close(operator, conversationId) }),
        'message:send': async (input) => {
          const message = await chat.operatorSend(operator, input);
          await socket.join(rooms.conversation(input.conversationId));
          return { message };
        },
      },
      log.child({ operatorId: operator.id }),
      new TokenBucket(40, 5),
    );
  }
}
