import type { OperatorStatus } from '@introserv/shared';
import type { PresenceStore } from './presence.store.js';

/** One process holds a memory store, and it is alive while it can call this: no leases. */
export class MemoryPresenceStore implements PresenceStore {
  /** Operators routing may give new chats to: connected, with status online. Read by the memory routing store. */
  readonly available = new Set<string>();
  private readonly db = {
    available: this.available,
    operatorConnections: new Map<string, number>(),
    operatorAwaySince: new Map<string, number>(),
    operatorStatus: new Map<string, OperatorStatus>(),
    visitorConnections: new Map<string, number>(),
    visitorLeftAt: new Map<string, number>(),
  };

  async heartbeat(): Promise<void> {}

  async operatorConnected(operatorId: string): Promise<void> {
    const { db } = this;
    db.operatorConnections.set(operatorId, (db.operatorConnections.get(operatorId) ?? 0) + 1);
    db.operatorAwaySince.delete(operatorId);
    if ((db.operatorStatus.get(operatorId) ?? 'online') === 'online') db.available.add(operatorId);
  }

  async operatorDisconnected(operatorId: string, now: number): Promise<number> {
    const { db } = this;
    const left = Math.max(0, (db.operatorConnections.get(operatorId) ?? 0) - 1);
    if (left > 0) {
      db.operatorConnections.set(operatorId, left);
      return left;
    }
    db.operatorConnections.delete(operatorId);
    // No new chats while disconnected; the ones they have wait for the grace period.
    db.available.delete(operatorId);
    if (!db.operatorAwaySince.has(operatorId)) db.operatorAwaySince.set(operatorId, now);
    return 0;
  }

  async setOperatorStatus(operatorId: string, status: OperatorStatus): Promise<void> {
    const { db } = this;
    db.operatorStatus.set(operatorId, status);
    if (status === 'online' && (db.operatorConnections.get(operatorId) ?? 0) > 0) db.available.add(operatorId);
    else db.available.delete(operatorId);
  }

  async getOperatorStatus(operatorId: string): Promise<OperatorStatus> {
    return this.db.operatorStatus.get(operatorId) ?? 'online';
  }

  async markOperatorGone(operatorId: string, now: number, graceMs: number): Promise<boolean> {
    const { db } = this;
    if ((db.operatorConnections.get(operatorId) ?? 0) > 0) return false;
    const away = db.operatorAwaySince.get(operatorId) ?? now;
    db.operatorAwaySince.set(operatorId, away);
    if (now - away < graceMs) return false;
    db.operatorAwaySince.delete(operatorId);
    db.available.delete(operatorId);
    return true;
  }

  async trackedOperators(): Promise<string[]> {
    return [...new Set([...this.db.available, ...this.db.operatorConnections.keys(), ...this.db.operatorAwaySince.keys()])];
  }

  async isAvailable(operatorId: string): Promise<boolean> {
    return this.db.available.has(operatorId);
  }

  async anyAvailable(): Promise<boolean> {
    return this.db.available.size > 0;
  }

  async visitorConnected(visitorId: string): Promise<boolean> {
    const { db } = this;
    const before = db.visitorConnections.get(visitorId) ?? 0;
    db.visitorConnections.set(visitorId, before + 1);
    // Back within the reload grace: nobody was told they left, so nobody needs telling they are back.
    const withinGrace = db.visitorLeftAt.delete(visitorId);
    return before === 0 && !withinGrace;
  }

  async visitorDisconnected(visitorId: string, now: number): Promise<void> {
    const { db } = this;
    const left = Math.max(0, (db.visitorConnections.get(visitorId) ?? 0) - 1);
    if (left > 0) return void db.visitorConnections.set(visitorId, left);
    db.visitorConnections.delete(visitorId);
    db.visitorLeftAt.set(visitorId, now);
  }

  async takeGoneVisitors(now: number, graceMs: number): Promise<{ visitorId: string; since: number }[]> {
    const gone: { visitorId: string; since: number }[] = [];
    for (const [visitorId, since] of this.db.visitorLeftAt) {
      if (now - since < graceMs) continue;
      this.db.visitorLeftAt.delete(visitorId);
      gone.push({ visitorId, since });
    }
    return gone;
  }
}
