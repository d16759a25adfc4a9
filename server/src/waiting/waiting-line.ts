import type { Conversation, QueueUpdated } from '@introserv/shared';
import type { QueueObserver } from '../chat/queue-observer.js';
import type { Logger } from '../logger.js';
import type { RoutingStore } from '../routing/routing.store.js';
import type { QueueStatsStore } from './queue-stats.store.js';
import { SERVED_KEPT } from './queue-stats.store.js';
import { estimateWaitSeconds } from './wait-estimate.js';

/** Who tells waiting visitors their place (the realtime layer implements it). */
export interface QueueListener {
  queueUpdated(update: QueueUpdated): void;
}

/** Conversations told their place per department and announcement; the rest learn it when the line moves. */
const ANNOUNCED_MAX = 200;

/**
 * Tells each waiting visitor their place in line and the estimated wait, whenever their
 * department's queue moves: someone joined, was served, came back, or left. Bursts of changes
 * to one department collapse into one announcement (one runs at a time, and one more after
 * it if something changed meanwhile), and a visitor hears only when their figures changed.
 */
export class WaitingLine implements QueueObserver {
  private readonly running = new Map<string, { again: boolean; waitFor: Promise<void>[]; done: Promise<void> }>();
  /** What each waiting conversation was last told, so unchanged figures are not sent again. */
  private readonly told = new Map<string, string>();

  constructor(
    private readonly ports: { routing: Pick<RoutingStore, 'queued'>; queueStats: QueueStatsStore },
    private readonly listener: QueueListener,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The chat service's QueueObserver: every move of a queue it makes or learns of. */
  queueChanged(conversation: Conversation, how: 'joined' | 'served' | 'returned' | 'left'): void {
    if (how === 'served' || how === 'left') this.forget(conversation.id);
    if (how === 'served') void this.served(conversation.department);
    else this.changed(conversation.department);
  }

  /** A conversation of `department` left the queue for an operator: its time counts in the estimate. */
  served(department: string): Promise<void> {
    const recorded = this.ports.queueStats.recordServed(department, this.now()).catch((err: unknown) => {
      this.log.warn({ err, department }, 'recording a served conversation failed');
    });
    this.changed(department, recorded);
    return this.settled(department);
  }

  /** The department's queue changed: announce the new places (coalesced), once `after` is done. */
  changed(department: string, after?: Promise<void>): void {
    const run = this.running.get(department);
    if (run) {
      run.again = true;
      if (after) run.waitFor.push(after);
      return;
    }
    const state = { again: false, waitFor: after ? [after] : [], done: Promise.resolve() };
    this.running.set(department, state);
    state.done = (async () => {
      do {
        state.again = false;
        try {
          await Promise.all(state.waitFor.splice(0));
          await this.announce(department);
        } catch (err) {
          this.log.warn({ err, department }, 'announcing queue places failed');
        }
        // Read through the map: the flag is set by calls made while this one awaited.
      } while (this.running.get(department)?.again === true);
      this.running.delete(department);
    })();
  }

  /** Resolves when announcements under way for the department are done (tests, shutdown). */
  async settled(department: string): Promise<void> {
    await this.running.get(department)?.done;
  }

  /** A waiting conversation's place now, e.g. for a visitor who reloads. */
  async placeOf(conversationId: string, department: string): Promise<QueueUpdated | null> {
    const [line, served] = await Promise.all([this.ports.routing.queued(department, ANNOUNCED_MAX), this.ports.queueStats.recentServed(department, SERVED_KEPT)]);
    const index = line.indexOf(conversationId);
    if (index < 0) return null;
    return { conversationId, position: index + 1, etaSeconds: estimateWaitSeconds(index + 1, served, this.now()) };
  }

  /** Forget what a conversation was told (it left the queue). */
  forget(conversationId: string): void {
    this.told.delete(conversationId);
  }

  private async announce(department: string): Promise<void> {
    const [line, served] = await Promise.all([this.ports.routing.queued(department, ANNOUNCED_MAX), this.ports.queueStats.recentServed(department, SERVED_KEPT)]);
    const now = this.now();
    line.forEach((conversationId, i) => {
      const update = { conversationId, position: i + 1, etaSeconds: estimateWaitSeconds(i + 1, served, now) };
      // The estimate drifts by seconds with every announcement; a visitor hears it again when the minute changes.
      const said = `${update.position}:${update.etaSeconds === null ? '' : Math.round(update.etaSeconds / 60)}`;
      if (this.told.get(conversationId) === said) return;
      this.told.set(conversationId, said);
      this.listener.queueUpdated(update);
    });
  }
}
