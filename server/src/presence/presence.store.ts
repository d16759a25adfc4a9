import type { OperatorStatus } from '@introserv/shared';

/**
 * Who is here: operators' and visitors' live connections, counted per server process
 * under that process's lease, so that the connections of a process that died stop
 * counting without anyone having seen them close. Also the status an operator chose.
 * Implementations: `MemoryPresenceStore`, `RedisPresenceStore`; `presence.contract.ts`.
 */
export interface PresenceStore {
  /** Renews this process's lease; a process that stops renewing counts as dead after `ttlMs`. */
  heartbeat(ttlMs: number, now: number): Promise<void>;

  /**
   * Counts one more connection of the operator on this process. When their chosen status
   * is online, they become available to routing.
   */
  operatorConnected(operatorId: string): Promise<void>;
  /** Counts one connection fewer; returns how many remain on live processes (at 0 the operator is away from `now`). */
  operatorDisconnected(operatorId: string, now: number): Promise<number>;
  /** Chooses a status: only `online` with a live connection is available to routing. */
  setOperatorStatus(operatorId: string, status: OperatorStatus): Promise<void>;
  getOperatorStatus(operatorId: string): Promise<OperatorStatus>;
  /**
   * If the operator has had no live connection for `graceMs`, makes them unavailable and
   * returns true (their chats should go back to the queue). An operator whose connections
   * all died with their process is away from the first call that notices.
   */
  markOperatorGone(operatorId: string, now: number, graceMs: number): Promise<boolean>;
  /** Operators that are available or still have a connection counted: the ones a sweep must look at. */
  trackedOperators(): Promise<string[]>;
  /** Whether routing may give the operator a new chat now (connected, status online). */
  isAvailable(operatorId: string): Promise<boolean>;
  /** Whether any operator is available: when none is, visitors are offered to leave a message. */
  anyAvailable(): Promise<boolean>;

  /** Counts a connection of the visitor; returns true when they had none on a live process before. */
  visitorConnected(visitorId: string, now: number): Promise<boolean>;
  /** Counts one connection fewer; at 0 the visitor is leaving from `now`. */
  visitorDisconnected(visitorId: string, now: number): Promise<void>;
  /**
   * Visitors who have had no live connection for `graceMs` (a reload is shorter than that),
   * including those whose process died; each is returned once, with the time they left.
   */
  takeGoneVisitors(now: number, graceMs: number): Promise<{ visitorId: string; since: number }[]>;
}
