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
 * The Redis streams adapter, delivering to this process's sockets first.
 *
 * socket.io-adapter's ClusterAdapter#broadcast (2.5.x) awaits the Redis XADD before it
 * delivers locally, which puts a Redis round trip, and any queue in front of it, into the
 * latency of every message, even with one process. Here the local delivery happens at once
 * and the publish for the other processes goes out in the background, on the same stream as
 * room joins, so other processes still see joins and broadcasts in order.
 *
 * Connection state recovery (which needs the offset the original attaches) is not used:
 * clients replay from their own cursor.
 */
export function createLocalFirstAdapter(redis: Redis, opts: RedisStreamsAdapterOptions): AdapterFactory {
  const factory = createAdapter(redis, opts) as AdapterFactory;
  // A `function`, not an arrow: Socket.IO calls the factory with `new`.
  return function localFirstAdapter(nsp: unknown): Adapter {
    const adapter = factory(nsp);
    adapter.broadcast = (packet: unknown, options: BroadcastOptions): void => {
      if (!options.flags?.local) {
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
