import { AppError, ErrorCode, type Ack, type CommandRegistry, type WireError } from '@introserv/shared';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { asStoreUnavailable } from '../store/store-unavailable.js';
import type { CommandLimiter } from './command-limiter.js';

export type CommandHandlers<R extends CommandRegistry> = {
  [K in keyof R]: (payload: z.output<R[K]['payload']>) => Promise<z.output<R[K]['result']>>;
};

/** The part of a Socket.IO socket this needs: untyped on purpose, since input is untrusted. */
interface RawSocket {
  id: string;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}

export interface BindOptions {
  limiter: CommandLimiter;
  /** Runs before every handler, after parsing (the operator namespace re-checks the session there); a throw is the reply. */
  before?: () => Promise<void>;
}

/**
 * Registers one listener per command of `registry`. Each takes a token from the command's
 * rate class, parses its payload with the command's schema, runs the handler and answers
 * the ack: `{ ok: true, ...result }` or `{ ok: false, error: { code, message } }`. Bad
 * input is answered and logged; it never throws out of the listener, so it never kills
 * the process.
 */
export function bindCommands<R extends CommandRegistry>(socket: RawSocket, registry: R, handlers: CommandHandlers<R>, log: Logger, options: BindOptions): void {
  for (const [name, spec] of Object.entries(registry) as [keyof R & string, R[keyof R]][]) {
    const handler = handlers[name];
    socket.on(name, (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (res: Ack) => void) : undefined;
      void run(name, spec, args[0], handler as (p: unknown) => Promise<object>, ack);
    });
  }

  socket.onAny((event, ...args) => {
    if (Object.hasOwn(registry, event)) return;
    log.warn({ socket: socket.id, event }, 'unknown event');
    const ack = args.at(-1);
    if (typeof ack === 'function') (ack as (res: Ack) => void)(failure({ code: ErrorCode.UnknownEvent, message: `unknown event "${event}"` }));
  });

  async function run(event: string, spec: R[keyof R], payload: unknown, handler: (p: unknown) => Promise<object>, ack?: (res: Ack) => void) {
    const reply =
      ack ??
      ((res: Ack) => {
        if (!res.ok) log.warn({ socket: socket.id, event, code: res.error.code }, 'command failed and had no ack to answer');
      });
    if (!options.limiter.take(spec.rate)) {
      reply(failure({ code: ErrorCode.RateLimited, message: 'too many events; slow down' }));
      return;
    }
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      log.warn({ socket: socket.id, event, issues }, 'invalid payload');
      reply(failure({ code: ErrorCode.InvalidPayload, message: `invalid "${event}" payload`, issues }));
      return;
    }
    try {
      await options.before?.();
      const result = await handler(parsed.data);
      reply({ ok: true, ...result });
    } catch (caught) {
      const err = asStoreUnavailable(caught) ?? caught;
      if (err instanceof AppError) {
        log.info({ socket: socket.id, event, code: err.code }, err.message);
        reply(failure(err.toWire()));
      } else {
        log.error({ socket: socket.id, event, err }, 'command handler failed');
        reply(failure({ code: ErrorCode.Internal, message: 'internal error; try again' }));
      }
    }
  }
}

function failure(error: WireError): Ack {
  return { ok: false, error };
}
