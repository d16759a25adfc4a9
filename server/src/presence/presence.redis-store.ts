import { OperatorStatus } from '@introserv/shared';
import type { RedisKeyspace } from '../store/redis-keyspace.js';
import * as scripts from './presence.scripts.js';
import type { PresenceStore } from './presence.store.js';

/** At most this many gone visitors are handled per call, so one sweep never blocks Redis for long. */
const GONE_BATCH = 500;

export class RedisPresenceStore implements PresenceStore {
  constructor(private readonly ks: RedisKeyspace) {}

  private opKeys(operatorId: string) {
    const k = this.ks;
    return {
      conns: k.key('op', operatorId, 'conns'),
      away: k.key('op', operatorId, 'away'),
      status: k.key('ops', 'status'),
      available: k.key('ops', 'available'),
      tracked: k.key('ops', 'tracked'),
    };
  }

  async heartbeat(ttlMs: number, now: number): Promise<void> {
    const k = this.ks;
    await scripts.heartbeat.run(k.redis, [k.key('proc', k.processId), k.key('procs')], [k.prefix, k.processId, ttlMs, now]);
  }

  async operatorConnected(operatorId: string): Promise<void> {
    const o = this.opKeys(operatorId);
    await scripts.operatorConnected.run(this.ks.redis, [o.conns, o.away, o.status, o.available, o.tracked], [operatorId, this.ks.processId]);
  }

  async operatorDisconnected(operatorId: string, now: number): Promise<number> {
    const o = this.opKeys(operatorId);
    return Number(await scripts.operatorDisconnected.run(this.ks.redis, [o.conns, o.away, o.available], [this.ks.processId, now, this.ks.prefix, operatorId]));
  }

  async setOperatorStatus(operatorId: string, status: OperatorStatus): Promise<void> {
    const o = this.opKeys(operatorId);
    await scripts.setOperatorStatus.run(this.ks.redis, [o.conns, o.status, o.available], [operatorId, status, this.ks.prefix]);
  }

  async getOperatorStatus(operatorId: string): Promise<OperatorStatus> {
    const parsed = OperatorStatus.safeParse(await this.ks.redis.hget(this.ks.key('ops', 'status'), operatorId));
    return parsed.success ? parsed.data : 'online';
  }

  async markOperatorGone(operatorId: string, now: number, graceMs: number): Promise<boolean> {
    const o = this.opKeys(operatorId);
    return (await scripts.markOperatorGone.run(this.ks.redis, [o.conns, o.away, o.available, o.tracked], [this.ks.prefix, operatorId, now, graceMs])) === 1;
  }

  async trackedOperators(): Promise<string[]> {
    return this.ks.redis.sunion(this.ks.key('ops', 'tracked'), this.ks.key('ops', 'available'));
  }

  async isAvailable(operatorId: string): Promise<boolean> {
    return (await this.ks.redis.sismember(this.ks.key('ops', 'available'), operatorId)) === 1;
  }

  async anyAvailable(): Promise<boolean> {
    return (await this.ks.redis.scard(this.ks.key('ops', 'available'))) > 0;
  }

  private visitorKeys(visitorId: string): string[] {
    const k = this.ks;
    return [k.key('vis', visitorId, 'conns'), k.key('proc', k.processId, 'visitors'), k.key('visitors', 'leaving')];
  }

  async visitorConnected(visitorId: string): Promise<boolean> {
    return (await scripts.visitorConnected.run(this.ks.redis, this.visitorKeys(visitorId), [visitorId, this.ks.processId, this.ks.prefix])) === 1;
  }

  async visitorDisconnected(visitorId: string, now: number): Promise<void> {
    await scripts.visitorDisconnected.run(this.ks.redis, this.visitorKeys(visitorId), [visitorId, this.ks.processId, this.ks.prefix, now]);
  }

  async takeGoneVisitors(now: number, graceMs: number): Promise<{ visitorId: string; since: number }[]> {
    const flat = (await scripts.takeGoneVisitors.run(this.ks.redis, [this.ks.key('visitors', 'leaving')], [this.ks.prefix, now, graceMs, GONE_BATCH])) as string[];
    const out: { visitorId: string; since: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push({ visitorId: flat[i] as string, since: Number(flat[i + 1]) });
    return out;
  }
}
