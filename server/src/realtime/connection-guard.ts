import type { IncomingMessage } from 'node:http';
import type { ConnectionLimits } from '../config.js';
import type { LogSampler } from '../log-sampler.js';
import type { Metrics } from '../metrics.js';
import { quotaSubject } from '../limits/quota-subject.js';
import { clientAddress } from './client-address.js';
import { PacketBudget } from './packet-budget.js';

/** The part of an engine.io connection this needs (engine.io is socket.io's own dependency). */
export interface RawConnection {
  readonly request: IncomingMessage;
  on(event: 'packet', listener: (packet: { type: string }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): unknown;
}

/** The part of socket.io's engine this needs. */
interface Engine {
  on(event: 'connection', listener: (conn: RawConnection) => void): unknown;
}

/** Penalised addresses kept before expired ones are pruned. */
const PRUNE_AT = 10_000;

/**
 * Limits per client address and per connection, below Socket.IO's namespaces:
 * - at the handshake (`allowRequest`): at most `perIp` open connections per address on this
 *   process, and none while the address is slowed down after a cut;
 * - on every packet of a connection, of any kind: its `PacketBudget`. The namespaces'
 *   middleware reads whether the packet in hand was admitted; a connection that keeps
 *   sending while refused is closed, and its address slowed down for `penaltyMs`.
 * The address is the one Express derives with the same `trust proxy` (clientAddress), and is
 * counted as its quota subject: an IPv6 client by its /64, like every per-address limit.
 */
export class ConnectionGuard {
  private readonly open = new Map<string, number>();
  private readonly penalties = new Map<string, number>();
  private readonly budgets = new WeakMap<object, PacketBudget>();
  private readonly addresses = new WeakMap<object, string>();
  /** Shutting down: no new connections (clients go to another process). */
  closing = false;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly trustProxy: number,
    private readonly sampler: LogSampler,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {}

  /** engine.io's `allowRequest`: runs for each handshake before a connection exists. */
  readonly allowRequest = (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    if (this.closing) {
      callback('shutting down', false);
      return;
    }
    const address = quotaSubject(clientAddress(req, this.trustProxy));
    if (this.penalised(address)) {
      this.metrics.limited('penalty');
      callback('slow down', false);
      return;
    }
    if ((this.open.get(address) ?? 0) >= this.limits.perIp) {
      this.metrics.limited('connections');
      this.sampler.log('warn', 'connection refused: too many from one address', { address, max: this.limits.perIp }, `conn-cap:${address}`);
      callback('too many connections', false);
      return;
    }
    callback(null, true);
  };

  attach(engine: Engine): void {
    engine.on('connection', (conn) => this.connected(conn));
  }

  /** The budget of the engine connection a socket rides on (`socket.conn`). */
  budgetOf(conn: object): PacketBudget | undefined {
    return this.budgets.get(conn);
  }

  addressOf(conn: object): string {
    return this.addresses.get(conn) ?? 'unknown';
  }

  private connected(conn: RawConnection): void {
    const raw = clientAddress(conn.request, this.trustProxy);
    const address = quotaSubject(raw);
    const count = (this.open.get(address) ?? 0) + 1;
    this.open.set(address, count);
    conn.on('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    // Handshakes that passed allowRequest together may overshoot the cap: the late ones go.
    if (count > this.limits.perIp) {
      this.metrics.limited('connections');
      conn.close();
      return;
    }
    const budget = new PacketBudget(this.limits.packets, this.limits.maxRefusedPerSecond, this.now);
    this.budgets.set(conn, budget);
    // The address itself: the chat's quotas take its subject themselves, operators see the address.
    this.addresses.set(conn, raw);
    let cut = false;
    conn.on('packet', () => {
      if (cut) return;
      const verdict = budget.take();
      if (verdict === 'ok') return;
      this.metrics.limited('packet');
      if (verdict === 'cut') {
        cut = true;
        this.metrics.limited('flooder');
        this.penalise(address);
        this.sampler.log('warn', 'connection cut: it kept sending over its packet budget', { address, penaltyMs: this.limits.penaltyMs }, `cut:${address}`);
        conn.close();
      }
    });
  }

  private penalised(address: string): boolean {
    const until = this.penalties.get(address);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.penalties.delete(address);
    return false;
  }

  private penalise(address: string): void {
    if (this.penalties.size >= PRUNE_AT) {
      const t = this.now();
      for (const [a, until] of this.penalties) if (until <= t) this.penalties.delete(a);
    }
    this.penalties.set(address, this.now() + this.limits.penaltyMs);
  }
}
