import { AppError, ErrorCode, type Ack, type CommandRegistry, type WireError } from '@introserv/shared';
import type { z } from 'zod';
import { performance } from 'node:perf_hooks';
import type { LogSampler } from '../log-sampler.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { StoreHealth } from '../store/store-health.js';
import { asStoreUnavailable, isStoreFailure } from '../store/store-unavailable.js';
import type { CommandLimiter } from './command-limiter.js';
import type { Drain } from './drain.js';
import type { PacketBudget } from './packet-budget.js';

export type CommandHandlers<R extends CommandRegistry> = {
  [K in keyof R]: (payload: z.output<R[K]['payload']>) => Promise<z.output<R[K]['result']>>;
};

/** The part of a Socket.IO socket this needs: untyped on purpose, since input is untrusted. */
interface RawSocket {
  id: string;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  use(middleware: (event: unknown[], next: (err?: Error) => void) => void): unknown;
}

export interface BindOptions {
  limiter: CommandLimiter;
  /** Runs before every handler, after parsing (the operator namespace re-checks the session there); a throw is the reply. */
  before?: () => Promise<void>;
  /** The connection's packet budget (ConnectionGuard): a packet it refused reaches no listener. */
  budget?: PacketBudget | undefined;
  /** Where lines a client can cause at will go: counted per window, not one per packet. */
  sampler: LogSampler;
  health: StoreHealth;
  metrics: Metrics;
  /** The namespace, for the metrics' labels. */
  namespace: string;
  /** Commands in flight, for a graceful shutdown. */
  drain?: Drain;
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

  const { sampler, metrics } = options;
  // Middleware, not onAny: Socket.IO runs onAny listeners before middleware, so only here can
  // a refused or unknown packet be kept from every listener.
  socket.use((packet, next) => {
    const [event] = packet;
    const ack = packet.at(-1);
    const answer = typeof ack === 'function' ? (ack as (res: Ack) => void) : undefined;
    if (options.budget && !options.budget.admitted) {
      // Over the connection's packet budget (ConnectionGuard counts and, past a limit, cuts).
      answer?.(failure({ code: ErrorCode.RateLimited, message: 'too many packets; slow down' }));
      return;
    }
    if (typeof event !== 'string' || !Object.hasOwn(registry, event)) {
      const name = String(event).slice(0, 64);
      sampler.log('warn', 'unknown event', { conn: socket.id, event: name }, 'unknown event', log);
      answer?.(failure({ code: ErrorCode.UnknownEvent, message: `unknown event "${name}"` }));
      return;
    }
    next();
  });

  async function run(event: string, spec: R[keyof R], payload: unknown, handler: (p: unknown) => Promise<object>, ack?: (res: Ack) => void) {
    const started = performance.now();
    const answer =
      ack ??
      ((res: Ack) => {
        if (!res.ok) sampler.log('warn', 'command failed and had no ack to answer', { conn: socket.id, event, code: res.error.code }, `no-ack:${event}:${res.error.code}`, log);
      });
    const reply = (res: Ack) => {
      metrics.commandSeconds.observe({ namespace: options.namespace, command: event }, (performance.now() - started) / 1000);
      answer(res);
    };
    if (options.drain?.draining) {
      // Shutting down: the client sends it again after reconnecting to another process.
      reply(failure({ code: ErrorCode.StoreUnavailable, message: 'the server is restarting; try again' }));
      return;
    }
    if (!options.limiter.take(spec.rate)) {
      metrics.limited('command');
      reply(failure({ code: ErrorCode.RateLimited, message: 'too many events; slow down' }));
      return;
    }
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      sampler.log('warn', 'invalid payload', { conn: socket.id, event, issues }, `invalid:${event}`, log);
      reply(failure({ code: ErrorCode.InvalidPayload, message: `invalid "${event}" payload`, issues }));
      return;
    }
    options.drain?.begin();
    try {
      await options.before?.();
      const result = await handler(parsed.data);
      reply({ ok: true, ...result });
    } catch (caught) {
      if (isStoreFailure(caught)) options.health.failed(caught, { conn: socket.id, event });
      const err = asStoreUnavailable(caught) ?? caught;
      if (err instanceof AppError) {
        if (!isStoreFailure(caught)) sampler.log('info', err.message, { conn: socket.id, event, code: err.code }, `refused:${event}:${err.code}`, log);
        reply(failure(err.toWire()));
      } else {
        sampler.log('error', 'command handler failed', { conn: socket.id, event, err }, `failed:${event}`, log);
        reply(failure({ code: ErrorCode.Internal, message: 'internal error; try again' }));
      }
    } finally {
      options.drain?.end();
    }
  }
}

function failure(error: WireError): Ack {
  return { ok: false, error };
}
