import { createAdapter, type RedisStreamsAdapterOptions } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Adapter, MessageType, type BroadcastOptions } from 'socket.io-adapter';

/** What Socket.IO's `adapter` option takes: a factory called once per namespace. */
type AdapterFactory = (nsp: unknown) => Adapter;

/** The members of socket.io-adapter's ClusterAdapter this reaches into (protected there). */
interface ClusterInternals {
  uid: string;
  publish(message: { type: MessageType.BROADCAST; data: { packet: unknown; opts: WireOptions } }): void;
  onMessage(message: { uid: string; nsp: string; type: MessageType; data?: { packet?: SioPacket; opts?: WireOptions; requestId?: string } }, offset?: string): void;
}

/** The wire form of BroadcastOptions, as socket.io-adapter's encodeOptions makes it. */
interface WireOptions {
  rooms: string[];
  except: string[];
  flags?: BroadcastOptions['flags'] & { alsoNsp?: string };
}

/** A Socket.IO packet as the adapter passes it around (socket.io-parser's). */
interface SioPacket {
  type: number;
  nsp: string;
  data: unknown[];
}

/** The namespace's name (socket.io-adapter types `nsp` as any). */
const nspName = (adapter: Adapter): string => (adapter.nsp as { name: string }).name;

/** socket.io-parser's PacketType.EVENT. */
const EVENT = 2;

/**
 * Sends one event to `room` in the namespace of `adapter` and in `alsoNsp` on every other
 * process as ONE adapter message (not one per namespace): half the stream traffic for what
 * both the visitor and the operator namespace must hear. Delivery on this process is the
 * caller's (with `.local`). A no-op without the Redis adapter or without other processes.
 */
export function publishToPeers(adapter: unknown, room: string, event: string, payload: unknown, alsoNsp: string | undefined, peers?: PeerWatch): void {
  if (peers?.alone || !(adapter instanceof Adapter) || !('publish' in adapter)) return;
  const packet: SioPacket = { type: EVENT, nsp: nspName(adapter), data: [event, payload] };
  (adapter as unknown as ClusterInternals).publish({ type: MessageType.BROADCAST, data: { packet, opts: { rooms: [room], except: [], flags: alsoNsp ? { alsoNsp } : {} } } });
}

/**
 * Whether other processes listen on the adapter's stream, polled (the streams adapter 0.3.x
 * counts them with PUBSUB NUMSUB on its channel; it keeps no list of its own). Until the first
 * answer, and whenever the count fails, there may be: broadcasts are published.
 *
 * "Alone" needs the count to have said so for `settleMs` without a break. After a Redis
 * failover or restart the other processes' subscriptions come back one by one, each after its
 * own reconnect; a count taken meanwhile is too low, and a process that believed it would stop
 * publishing what their sockets must hear (their XREAD resumes from its offset and would find
 * nothing). A process left truly alone publishes for `settleMs` more, for nobody.
 */
export class PeerWatch {
  private peers = true;
  private aloneSince: number | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  get alone(): boolean {
    return !this.peers;
  }

  /** `count` says how many processes there are, this one included. */
  start(count: () => Promise<number>, intervalMs: number, settleMs = 5 * intervalMs): void {
    const poll = () => {
      count().then(
        (n) => {
          if (n > 1) {
            this.aloneSince = null;
            this.peers = true;
            return;
          }
          this.aloneSince ??= this.now();
          this.peers = this.now() - this.aloneSince < settleMs;
        },
        () => {
          this.aloneSince = null;
          this.peers = true;
        },
      );
    };
    poll();
    this.timer = setInterval(poll, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * The Redis streams adapter, delivering to this process's sockets first.
 *
 * socket.io-adapter's ClusterAdapter#broadcast (2.5.x) awaits the Redis XADD before it
 * delivers locally, which puts a Redis round trip, and any queue in front of it, into the
 * latency of every message, even with one process. Here the local delivery happens at once
 * and the publish for the other processes goes out in the background, on the same stream as
 * room joins, so other processes still see joins and broadcasts in order.
 *
 * While this process is the only one on the stream (`PeerWatch`), nothing is published at all:
 * no XADD, and no reading our own entries back. A process that starts waits one poll period
 * before it listens, so the others see it and publish again before its first connection.
 *
 * Connection state recovery (which needs the offset the original attaches) is not used:
 * clients replay from their own cursor.
 */
export function createLocalFirstAdapter(redis: Redis, opts: RedisStreamsAdapterOptions, peers?: PeerWatch): AdapterFactory {
  const factory = createAdapter(redis, opts) as AdapterFactory;
  /** Namespace name → its adapter on this process, for messages meant for two namespaces. */
  const adapters = new Map<string, Adapter>();
  // A `function`, not an arrow: Socket.IO calls the factory with `new`.
  return function localFirstAdapter(nsp: unknown): Adapter {
    const adapter = factory(nsp);
    adapters.set(nspName(adapter), adapter);
    const cluster = adapter as unknown as ClusterInternals;
    adapter.broadcast = (packet: unknown, options: BroadcastOptions): void => {
      if (!options.flags?.local && !peers?.alone) {
        cluster.publish({
          type: MessageType.BROADCAST,
          data: { packet, opts: { rooms: [...options.rooms], except: [...(options.except ?? [])], flags: options.flags } },
        });
      }
      Adapter.prototype.broadcast.call(adapter, packet as Parameters<Adapter['broadcast']>[0], options);
    };
    // A broadcast from another process that names a second namespace (publishToPeers) is
    // delivered there too, with the same rooms.
    const onMessage = cluster.onMessage.bind(adapter);
    cluster.onMessage = (message, offset) => {
      onMessage(message, offset);
      const also = message.type === MessageType.BROADCAST && message.uid !== cluster.uid ? message.data?.opts?.flags?.alsoNsp : undefined;
      const other = also ? adapters.get(also) : undefined;
      const { packet, opts: wire } = message.data ?? {};
      if (!other || !packet || !wire) return;
      Adapter.prototype.broadcast.call(other, { ...packet, nsp: nspName(other) } as Parameters<Adapter['broadcast']>[0], {
        rooms: new Set(wire.rooms),
        except: new Set(wire.except),
        flags: { local: true },
      });
    };
    return adapter;
  };
}
