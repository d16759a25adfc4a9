import { AppError, ErrorCode, visitorCommands, type RateClass, type BucketSpec } from '@introserv/shared';
import type { OriginPolicy } from '../auth/origin-policy.js';
import { toVisitorView, type ChatService, type VisitorConnection } from '../chat/chat.service.js';
import type { Logger } from '../logger.js';
import type { LogSampler } from '../log-sampler.js';
import type { Metrics } from '../metrics.js';
import type { StoreHealth } from '../store/store-health.js';
import { bindCommands } from './bind-commands.js';
import { connectionContext } from './client-address.js';
import { CommandLimiter } from './command-limiter.js';
import type { ConnectionGuard } from './connection-guard.js';
import type { Drain } from './drain.js';
import { rooms } from './rooms.js';
import type { VisitorNamespace } from './socket-broadcaster.js';
import type { WaitingLine } from '../waiting/waiting-line.js';

/**
 * `/visitor`: the widget. A connection says `hello` first; until then it may do nothing
 * else. A visitor token only ever opens that visitor's own conversation.
 */
export function setUpVisitorNamespace(
  nsp: VisitorNamespace,
  deps: {
    chat: ChatService;
    origins: OriginPolicy;
    log: Logger;
    rateLimits: Record<RateClass, BucketSpec>;
    guard: ConnectionGuard;
    sampler: LogSampler;
    health: StoreHealth;
    metrics: Metrics;
    drain: Drain;
    trustProxy: number;
    /** Tells a visitor who comes back to a waiting conversation their place in line. */
    waiting?: Pick<WaitingLine, 'placeOf'>;
  },
): void {
  const { chat, origins } = deps;
  const log = deps.log.child({ nsp: 'visitor' });
  nsp.use((socket, next) => {
    const { origin, host } = socket.handshake.headers;
    if (origin && !origins.widgetAllowed(origin, host)) {
      deps.sampler.log('warn', 'visitor connection from an origin not allowed', { origin }, `origin:${origin}`);
      next(Object.assign(new Error('origin not allowed'), { data: { code: ErrorCode.OriginNotAllowed } }));
      return;
    }
    next();
  });

  nsp.on('connection', (socket) => {
    deps.metrics.connections.inc({ namespace: 'visitor' });
    const context = connectionContext(socket.request, deps.trustProxy);
    let connection: VisitorConnection | undefined;
    /** The visitor this socket counts for in presence, once its hello succeeded. */
    let present: Promise<string | null> = Promise.resolve(null);
    const requireHello = (): VisitorConnection => {
      if (!connection) throw new AppError(ErrorCode.HelloRequired, 'say hello first');
      return connection;
    };
    const fail = (err: unknown) => log.warn({ err }, 'visitor presence bookkeeping failed');
    /** This socket's place in line, sent after the command's ack, so the widget knows its conversation first. */
    const tellPlace = (conversation: { id: string; department: string }): void => {
      deps.waiting
        ?.placeOf(conversation.id, conversation.department)
        .then((place) => {
          if (place) setImmediate(() => socket.emit('queue:updated', place));
        })
        .catch(fail);
    };

    bindCommands(
      socket,
      visitorCommands,
      {
        hello: async (input) => {
          const { connection: c, result, conversation } = await chat.hello(input, { ...context, address: deps.guard.addressOf(socket.conn) }, socket.id);
          if (connection && connection.visitorId !== c.visitorId) void socket.leave(rooms.visitor(connection.visitorId));
          connection = c;
          await socket.join(rooms.visitor(c.visitorId));
          if (result.conversation) await socket.join(rooms.conversation(result.conversation.id));
          // Counted once per socket, and moved if the socket now speaks for another visitor.
          present = present.then(async (before) => {
            if (before === c.visitorId) return before;
            if (before) await chat.visitorDeparted(before);
            await chat.visitorArrived(c.visitorId);
            return c.visitorId;
          });
          present.catch(fail);
          if (conversation?.status === 'queued') tellPlace(conversation);
          return result;
        },
        'message:send': async (input) => {
          const { message, conversation, opened } = await chat.visitorSend(requireHello(), input);
          const room = rooms.conversation(conversation.id);
          if (!socket.rooms.has(room)) await socket.join(room);
          // The queue's own announcement may have gone out before this socket was in the room.
          if (opened && conversation.status === 'queued') tellPlace(conversation);
          return { message, conversation: toVisitorView(conversation) };
        },
        'typing:set': async (input) => {
          chat.visitorTyping(requireHello(), input);
          return {};
        },
        'conversation:close': async ({ conversationId }) => ({ conversation: await chat.visitorClose(requireHello(), conversationId) }),
        'conversation:rate': async (input) => {
          await chat.rate(requireHello().visitorId, input);
          return {};
        },
      },
      log,
      {
        limiter: new CommandLimiter(deps.rateLimits),
        budget: deps.guard.budgetOf(socket.conn),
        sampler: deps.sampler,
        health: deps.health,
        metrics: deps.metrics,
        namespace: 'visitor',
        drain: deps.drain,
      },
    );

    socket.on('disconnect', () => {
      deps.metrics.connections.dec({ namespace: 'visitor' });
      void present.then((visitorId) => (visitorId ? chat.visitorDeparted(visitorId) : undefined)).catch(fail);
    });
  });
}
