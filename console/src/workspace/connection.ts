import { ErrorCode, TIMING, backoffDelay } from '@introserv/shared/client';
import type { SessionInfo } from '@introserv/shared';
import type { OperatorSocket } from '../realtime/channel.js';
import type { ConnectionState } from './workspace-state.js';

export interface ConnectionOptions {
  socket: OperatorSocket;
  /** The session as the server knows it now (null: gone); asked when a handshake is refused. */
  me: () => Promise<SessionInfo | null>;
  onConnect: () => void;
  onState: (state: ConnectionState) => void;
  /** The server no longer knows the session: back to the login form. */
  onSessionExpired: () => void;
  /** Jitter source of the reconnect backoff; fixed in tests. */
  random?: (() => number) | undefined;
}

/**
 * Keeps the operator socket connected. Socket.IO reconnects by itself after a transport
 * failure, not after the server ended the socket or refused the handshake: those are decided
 * here, by asking whether the session still exists (sign-in again) or not (back off and retry).
 */
export class Connection {
  private stopped = false;
  /** Refused handshakes in a row; sets the delay before the next attempt. */
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly opts: ConnectionOptions) {}

  start(): void {
    const { socket } = this.opts;
    const onConnect = (): void => {
      this.attempts = 0;
      this.opts.onState('online');
      this.opts.onConnect();
    };
    const onDisconnect = (reason: string): void => {
      this.opts.onState('offline');
      // The server ended this socket (logout elsewhere, session expired, operator disabled)
      // or asks us to come back. Socket.IO does not reconnect after this reason, so try
      // once: the handshake then either succeeds or is refused with the reason.
      // https://socket.io/docs/v4/client-socket-instance/#disconnect
      if (reason === 'io server disconnect') socket.connect();
    };
    const onConnectError = (err: Error & { data?: { code?: string } }): void => {
      this.opts.onState('offline');
      // A handshake refused by the namespace middleware is not retried by Socket.IO
      // itself, transport errors are:
      // https://socket.io/docs/v4/client-socket-instance/#connect_error
      if (socket.active) return;
      if (err.data?.code === ErrorCode.Unauthenticated) {
        this.opts.onSessionExpired();
        return;
      }
      void this.recover();
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    this.cleanups.push(() => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
    });
    if (socket.connected) onConnect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const fn of this.cleanups.splice(0)) fn();
  }

  private async recover(): Promise<void> {
    let session: SessionInfo | null;
    try {
      session = await this.opts.me();
    } catch {
      // The server is unreachable too: ask again later.
      this.afterBackoff(() => void this.recover());
      return;
    }
    if (this.stopped) return;
    if (!session) {
      this.opts.onSessionExpired();
      return;
    }
    this.afterBackoff(() => this.opts.socket.connect());
  }

  private afterBackoff(fn: () => void): void {
    clearTimeout(this.timer);
    const delay = backoffDelay(this.attempts++, { baseMs: TIMING.retryBaseMs, maxMs: TIMING.retryMaxMs }, this.opts.random);
    this.timer = setTimeout(() => {
      if (!this.stopped) fn();
    }, delay);
  }
}
