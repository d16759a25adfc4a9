import { AppError, ErrorCode, visitorCommands } from '@introserv/shared';
import type { Logger } from '../logger.js';
import type { ChatService, VisitorSession } from '../chat/chat.service.js';
import { bindCommands } from './bind-commands.js';
import type { VisitorNamespace } from './broadcaster.js';
import type { OriginPolicy } from './origin-policy.js';
import { rooms } from './rooms.js';
import { TokenBucket } from './token-bucket.js';

/**
 * `/visitor`: the widget. A connection says `hello` first; until then it may do nothing
 * else. A visitor token only ever opens that visitor's own conversation.
 */
export function setUpVisitorNamespace(nsp: VisitorNamespace, chat: ChatService, origins: OriginPolicy, log: Logger): void {
  nsp.use((socket, next) => {
    const { origin, host } = socket.handshake.headers;
    if (origin && !origins.widgetAllowed(origin, host)) {
      log.warn({ origin }, 'visitor connection from an origin not allowed');
      return next(Object.assign(new Error('origin not allowed'), { data: { code: ErrorCode.OriginNotAllowed } }));
    }
    next();
  });

  nsp.on('connection', (socket) => {
    let session: VisitorSession | undefined;
    const requireSession = (): VisitorSession => {
      if (!session) throw new AppError(ErrorCode.HelloRequired, 'say hello first');
      return session;
    };

    bindCommands(
      socket,
      visitorCommands,
      {
        hello: async (input) => {
          const { session: s, result } = await chat.hello(input);
          if (session && session.visitorId !== s.visitorId) socket.leave(rooms.visitor(session.visitorId));
          session = s;
          await socket.join(rooms.visitor(s.visitorId));
          if (result.conversation) await socket.join(rooms.conversation(result.conversation.id));
          return result;
        },
        'message:send': async (input) => {
          const s = requireSession();
          const { message, conversation } = await chat.visitorSend(s, input);
          await socket.join(rooms.conversation(conversation.id));
          return { message };
        },
      },
      log.child({ nsp: 'visitor' }),
      new TokenBucket(20, 2),
    );
  });
}
