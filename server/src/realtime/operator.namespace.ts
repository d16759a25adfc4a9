import { AppError, ErrorCode, operatorCommands, type BucketSpec, type RateClass } from '@introserv/shared';
import type { Socket } from 'socket.io';
import type { Authenticate, Authenticated } from '../auth/authenticate.js';
import type { OriginPolicy } from '../auth/origin-policy.js';
import type { ChatService } from '../chat/chat.service.js';
import type { ConversationStore } from '../conversations/conversation.store.js';
import type { Logger } from '../logger.js';
import type { PresenceStore } from '../presence/presence.store.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { LogSampler } from '../log-sampler.js';
import type { Metrics } from '../metrics.js';
import type { StoreHealth } from '../store/store-health.js';
import { bindCommands } from './bind-commands.js';
import { CommandLimiter } from './command-limiter.js';
import type { ConnectionGuard } from './connection-guard.js';
import type { Drain } from './drain.js';
import { rooms } from './rooms.js';
import type { OperatorNamespace } from './socket-broadcaster.js';

interface OperatorSocketData {
  auth: Authenticated;
}

/** Disconnect reasons that mean someone meant it (a logout, the server ending the session), not a network drop. */
const DELIBERATE = new Set(['server namespace disconnect', 'client namespace disconnect', 'server shutting down']);

/** Timers beyond this overflow (setTimeout's 32-bit limit); a session that long is re-checked by its commands. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `/operator`: the console, authenticated by the same httpOnly session cookie as the API,
 * and only from this server's own origin (no cross-site WebSocket hijacking). Every command
 * re-checks the session and the operator's current record, so a logout, an expiry or a
 * disabled account takes effect at once, not at the next connect.
 */
export function setUpOperatorNamespace(
  nsp: OperatorNamespace,
  deps: {
    chat: ChatService;
    routing: RoutingService;
    conversations: Pick<ConversationStore, 'ofOperator'>;
    presence: Pick<PresenceStore, 'getOperatorStatus'>;
    authenticate: Authenticate;
    origins: OriginPolicy;
    log: Logger;
    rateLimits: Record<RateClass, BucketSpec>;
    guard: ConnectionGuard;
    sampler: LogSampler;
    health: StoreHealth;
    metrics: Metrics;
    drain: Drain;
  },
): void {
  const { chat, routing, authenticate, origins } = deps;
  const log = deps.log.child({ nsp: 'operator' });

  nsp.use(async (socket, next) => {
    try {
      const { origin, host, cookie } = socket.handshake.headers;
      if (origin && !origins.consoleAllowed(origin, host)) {
        next(Object.assign(new Error('origin not allowed'), { data: { code: ErrorCode.OriginNotAllowed } }));
        return;
      }
      const auth = await authenticate(cookie);
      if (!auth) { next(Object.assign(new Error('not logged in'), { data: { code: ErrorCode.Unauthenticated } })); return; }
      (socket.data as OperatorSocketData).auth = auth;
      next();
    } catch (err) {
      log.error({ err }, 'operator handshake failed');
      next(Object.assign(new Error('internal error'), { data: { code: ErrorCode.Internal } }));
    }
  });

  nsp.on('connection', (socket) => {
    const data = socket.data as OperatorSocketData;
    const operatorId = data.auth.operator.id;
    deps.metrics.connections.inc({ namespace: 'operator' });
    // Listeners first, synchronously: an event that arrives before them would be dropped.
    bindOperatorCommands(socket, data);
    // The rooms that end or reach this socket, at once: a logout right after the connect must find it.
    void socket.join([rooms.allOperators, rooms.operator(operatorId), rooms.session(data.auth.key)]);
    const expiry = setTimeout(() => socket.disconnect(true), Math.min(MAX_TIMER_MS, Math.max(0, data.auth.session.expiresAt - Date.now())));
    const online = goOnline(socket, data.auth).catch((err: unknown) => log.error({ err }, 'operator connection setup failed'));
    socket.on('disconnect', (reason) => {
      deps.metrics.connections.dec({ namespace: 'operator' });
      clearTimeout(expiry);
      // After goOnline, so the connection count never goes down before it went up.
      void online
        .then(() => routing.operatorDisconnected(operatorId, DELIBERATE.has(reason)))
        .catch((err: unknown) => log.error({ err }, 'operator disconnect bookkeeping failed'));
    });
  });

  async function goOnline(socket: Socket, auth: Authenticated): Promise<void> {
    const mine = await deps.conversations.ofOperator(auth.operator.id);
    await socket.join(mine.map((c) => rooms.conversation(c.id)));
    await routing.operatorConnected(auth.operator.id);
    // The status is the server's: a tab learns it on connect, and every change from any tab.
    socket.emit('presence:updated', { status: await deps.presence.getOperatorStatus(auth.operator.id) });
    log.info({ operatorId: auth.operator.id }, 'operator online');
  }

  function bindOperatorCommands(socket: Socket, data: OperatorSocketData): void {
    const operator = () => data.auth.operator;
    bindCommands(
      socket,
      operatorCommands,
      {
        'conversation:accept': async ({ conversationId }) => {
          const conversation = await chat.accept(operator(), conversationId);
          await socket.join(rooms.conversation(conversationId));
          return { conversation };
        },
        'conversation:watch': async (input) => {
          const result = await chat.watch(input);
          await socket.join(rooms.conversation(input.conversationId));
          return result;
        },
        'conversation:unwatch': async ({ conversationId }) => {
          await socket.leave(rooms.conversation(conversationId));
          return {};
        },
        'conversation:close': async ({ conversationId }) => ({ conversation: await chat.close(operator(), conversationId) }),
        'message:send': async (input) => {
          const message = await chat.operatorSend(operator(), input);
          const room = rooms.conversation(input.conversationId);
          if (!socket.rooms.has(room)) await socket.join(room);
          return { message };
        },
        'presence:set': async ({ status }) => {
          await routing.setStatus(operator().id, status);
          nsp.to(rooms.operator(operator().id)).emit('presence:updated', { status });
          return { status };
        },
        'conversation:transfer': async (input) => ({ conversation: await chat.transfer(operator(), input) }),
        'conversation:reopen': async ({ conversationId }) => {
          const conversation = await chat.reopen(operator(), conversationId);
          await socket.join(rooms.conversation(conversationId));
          return { conversation };
        },
        'note:send': async (input) => {
          const message = await chat.note(operator(), input);
          await socket.join(rooms.conversation(input.conversationId));
          return { message };
        },
        'typing:set': async (input) => {
          await chat.operatorTyping(operator(), input);
          return {};
        },
        'conversation:receipt': async (input) => {
          await chat.receipt(operator(), input);
          return {};
        },
      },
      log.child({ operatorId: data.auth.operator.id }),
      {
        limiter: new CommandLimiter(deps.rateLimits),
        budget: deps.guard.budgetOf(socket.conn),
        sampler: deps.sampler,
        health: deps.health,
        metrics: deps.metrics,
        namespace: 'operator',
        drain: deps.drain,
        // The operator as they are now: logged out, expired or disabled ends the socket here.
        before: async () => {
          const auth = await authenticate(socket.handshake.headers.cookie);
          if (!auth || auth.operator.id !== data.auth.operator.id) {
            setImmediate(() => socket.disconnect(true));
            throw new AppError(ErrorCode.Unauthenticated, 'the session ended; log in again');
          }
          data.auth = auth;
        },
      },
    );
  }
}
