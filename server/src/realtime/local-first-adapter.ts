import { createAdapter, type RedisStreamsAdapterOptions } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Adapter, MessageType, type BroadcastOptions } from 'socket.io-adapter';

/** What Socket.IO's `adapter` option takes: a factory called once per namespace. */
type AdapterFactory = (nsp: unknown) => Adapter;

/** The members of socket.io-adapter's ClusterAdapter this reaches into (protected there). */
interface ClusterInternals {
  publish(message: { type: MessageType.BROADCAST; data: { packet: unknown; opts: unknown } }): void;
}

/**
 * Whether other processes listen on the adapter's stream, polled (the streams adapter 0.3.x
 * counts them with PUBSUB NUMSUB on its channel; it keeps no list of its own). Until the first
 * answer, and whenever the count fails, there may be: broadcasts are published.
 */
export class PeerWatch {
  private peers = true;
  private timer: NodeJS.Timeout | undefined;

  get alone(): boolean {
    return !this.peers;
  }

  /** `count` says how many processes there are, this one included. */
  start(count: () => Promise<number>, intervalMs: number): void {
    const poll = () => {
      count().then(
        (n) => {
          this.peers = n > 1;
        },
        () => {
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
  // A `function`, not an arrow: Socket.IO calls the factory with `new`.
  return function localFirstAdapter(nsp: unknown): Adapter {
    const adapter = factory(nsp);
    adapter.broadcast = (packet: unknown, options: BroadcastOptions): void => {
      if (!options.flags?.local && !peers?.alone) {
        (adapter as unknown as ClusterInternals).publish({
          type: MessageType.BROADCAST,
          // The wire form of BroadcastOptions, as socket.io-adapter's encodeOptions makes it.
          data: { packet, opts: { rooms: [...options.rooms], except: [...(options.except ?? [])], flags: options.flags } },
        });
      }
      Adapter.prototype.broadcast.call(adapter, packet as Parameters<Adapter['broadcast']>[0], options);
    };
    return adapter;
  };
}
