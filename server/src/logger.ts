import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout (or `destination`: tests read them); one logger per process, children per concern. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'livechat' }, redact: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization'] };
  return destination ? pino(options, destination) : pino(options);
}
