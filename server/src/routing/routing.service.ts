import { randomUUID } from 'node:crypto';
import { BUILT_IN_DEPARTMENTS, type OperatorStatus } from '@introserv/shared';
import type { DepartmentStore } from '../departments/department.store.js';
import type { Logger } from '../logger.js';
import type { PresenceStore } from '../presence/presence.store.js';
import type { RequeueReason, Routed, RoutingStore } from './routing.store.js';

/** Hears routing's decisions, to tell the people concerned (the chat service does). */
export interface RoutingListener {
  assigned(routed: Routed): void;
  requeued(routed: Routed): void;
}

export interface RoutingTimings {
  /** How long an operator may be disconnected before their chats go back to the queue. */
  graceMs: number;
  /** A process that has not renewed its presence lease for this long counts as dead. */
  leaseMs: number;
  /** Capacity of operators who have none of their own. */
  defaultCapacity: number;
  /** After this long in its queue a chat goes to any available operator, whatever its department and language (ROUTING_FALLBACK_SECONDS). */
  fallbackMs?: number;
}

/** Ids of system messages: `sys-` and a UUID, within ClientMessageId's alphabet. */
export const newEventId = (): string => `sys-${randomUUID()}`;

/** A fallback timer fires a little after the deadline, so that the wait has surely passed. */
const FALLBACK_SLACK_MS = 50;

export interface RoutingPorts {
  routing: RoutingStore;
  presence: PresenceStore;
  /** Every department has a queue; draining them all needs the list. */
  departments?: Pick<DepartmentStore, 'list'>;
}

/**
 * When to route, and operators coming and going. Waiting conversations go to the least
 * busy available operator with a free slot who serves the conversation's department and
 * speaks its language, or, once it has waited the fallback time, to any available operator;
 * each decision is one atomic store call, so any number of processes may drain the same
 * queues at once. A dropped connection gets a grace period (a reload or a flaky network
 * passes); a logout or "offline" hands chats back at once.
 */
export class RoutingService {
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>();
  private readonly fallbackTimers = new Set<NodeJS.Timeout>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private listener: RoutingListener = { assigned: () => {}, requeued: () => {} };

  constructor(
    private readonly stores: RoutingPorts,
    private readonly log: Logger,
    private readonly timings: RoutingTimings,
    private readonly now: () => number = Date.now,
  ) {}

  listen(listener: RoutingListener): void {
    this.listener = listener;
  }

  /**
   * Takes this process's presence lease and keeps it, and sweeps for operators whose
   * connections died with another process (no disconnect event ever came for them). The
   * sweep also drains every queue, so a chat whose fallback time passed while its own timer
   * was on a process that died is still served.
   */
  async start(): Promise<void> {
    await this.stores.presence.heartbeat(this.timings.leaseMs, Date.now());
    this.sweepTimer = setInterval(() => {
      this.stores.presence
        .heartbeat(this.timings.leaseMs, Date.now())
        .then(() => this.sweep())
        .then(() => this.drain())
        .catch((err: unknown) => this.log.warn({ err }, 'presence heartbeat, sweep or drain failed'));
    }, this.timings.leaseMs / 3);
    this.sweepTimer.unref();
  }

  /** Releases every tracked operator who is gone and past the grace period. */
  async sweep(): Promise<void> {
    for (const operatorId of await this.stores.presence.trackedOperators()) await this.releaseIfGone(operatorId, this.timings.graceMs);
  }

  /** Every queue's name: one per department. */
  async queues(): Promise<string[]> {
    if (!this.stores.departments) return [...BUILT_IN_DEPARTMENTS];
    return (await this.stores.departments.list()).map((d) => d.id);
  }

  /**
   * Assigns waiting conversations of the given queues (all of them by default) until none
   * can be assigned. Across several queues the longest wait goes first.
   */
  async drain(queues?: string | readonly string[]): Promise<number> {
    const names = queues ?? (await this.queues());
    let assigned = 0;
    for (;;) {
      const routed = await this.stores.routing.assignNext(names, {
        now: this.now(),
        eventId: newEventId(),
        defaultCapacity: this.timings.defaultCapacity,
        fallbackMs: this.timings.fallbackMs,
      });
      if (!routed) return assigned;
      assigned++;
      this.log.info({ conversationId: routed.conversation.id, operatorId: routed.conversation.operator?.id }, 'conversation assigned');
      this.listener.assigned(routed);
    }
  }

  /**
   * A conversation started waiting in `queue` now: once the fallback time has passed, drain
   * that queue again, when any available operator may take it.
   */
  scheduleFallback(queue: string): void {
    const { fallbackMs } = this.timings;
    if (fallbackMs === undefined) return;
    const timer = setTimeout(() => {
      this.fallbackTimers.delete(timer);
      this.drain([queue]).catch((err: unknown) => this.log.warn({ err, queue }, 'fallback drain failed'));
    }, fallbackMs + FALLBACK_SLACK_MS);
    timer.unref();
    this.fallbackTimers.add(timer);
  }

  async operatorConnected(operatorId: string): Promise<void> {
    clearTimeout(this.releaseTimers.get(operatorId));
    this.releaseTimers.delete(operatorId);
    await this.stores.presence.operatorConnected(operatorId);
    await this.drain();
  }

  /**
   * `deliberate`: the operator logged out or the server ended the connection; their chats
   * go back to the queue at once when it was their last connection. A dropped connection
   * waits for the grace period.
   */
  async operatorDisconnected(operatorId: string, deliberate: boolean): Promise<void> {
    const left = await this.stores.presence.operatorDisconnected(operatorId, Date.now());
    if (left > 0) return;
    clearTimeout(this.releaseTimers.get(operatorId));
    if (deliberate) return this.releaseIfGone(operatorId, 0);
    const timer = setTimeout(() => {
      this.releaseTimers.delete(operatorId);
      this.releaseIfGone(operatorId, this.timings.graceMs).catch((err: unknown) => this.log.error({ err, operatorId }, 'releasing operator failed'));
    }, this.timings.graceMs);
    timer.unref();
    this.releaseTimers.set(operatorId, timer);
  }

  /** Online takes new chats; away keeps current ones; offline hands them back at once. */
  async setStatus(operatorId: string, status: OperatorStatus): Promise<void> {
    await this.stores.presence.setOperatorStatus(operatorId, status);
    if (status === 'offline') await this.requeue(operatorId, 'operator-offline');
    if (status === 'online') await this.drain();
  }

  /** A disabled operator takes nothing more and keeps nothing. */
  async operatorDisabled(operatorId: string): Promise<void> {
    await this.stores.presence.setOperatorStatus(operatorId, 'offline');
    await this.requeue(operatorId, 'operator-disabled');
  }

  /** An operator's departments, languages, capacity or auto-assignment changed: they may take chats they could not before. */
  async operatorChanged(): Promise<void> {
    await this.drain();
  }

  private async releaseIfGone(operatorId: string, graceMs: number): Promise<void> {
    if (!(await this.stores.presence.markOperatorGone(operatorId, Date.now(), graceMs))) return;
    await this.requeue(operatorId, 'operator-left');
  }

  private async requeue(operatorId: string, reason: RequeueReason): Promise<void> {
    const requeued = await this.stores.routing.requeueOperator(operatorId, reason, { now: this.now(), eventId: newEventId() });
    if (requeued.length === 0) return;
    this.log.info({ operatorId, reason, requeued: requeued.length }, 'conversations back in the queue');
    for (const r of requeued) this.listener.requeued(r);
    const queues = [...new Set(requeued.map((r) => r.conversation.department))];
    await this.drain(queues);
    for (const queue of queues) this.scheduleFallback(queue);
  }

  close(): void {
    clearInterval(this.sweepTimer);
    for (const t of this.releaseTimers.values()) clearTimeout(t);
    this.releaseTimers.clear();
    for (const t of this.fallbackTimers) clearTimeout(t);
    this.fallbackTimers.clear();
  }
}
