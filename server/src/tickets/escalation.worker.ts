import { backoffDelay, type EscalationFailure } from '@introserv/shared';
import type { Logger } from '../logger.js';
import { asStoreUnavailable } from '../store/store-unavailable.js';
import type { EscalationRecord, EscalationStore, Settlement } from './escalation.store.js';
import { TicketError, type OutgoingTicket, type TicketProvider } from './ticket-provider.js';

export interface WorkerSettings {
  /** How often the outbox is looked at (a new escalation is looked at at once). */
  pollMs: number;
  /** The worker lease: a process that stops renewing it hands the sending over after this. */
  leaseMs: number;
  /** A help desk call that has not answered by then is an unclear outcome. */
  timeoutMs: number;
  /** How long a claim holds: a sender silent for longer is taken for dead, its entry taken over. */
  claimMs: number;
  /** Tries per round before an escalation is failed (an operator's retry starts a new round). */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Escalations sent at once by one process. */
  concurrency: number;
}

/** Hears every settled attempt, to record it in the conversation and tell the operators. */
export interface WorkerListener {
  settled(record: EscalationRecord): Promise<void>;
}

/**
 * Sends the outbox's due escalations, one process per deployment at a time (the lease), each
 * entry by one sender at a time (its claim). Network errors, timeouts, 429 and 5xx are tried
 * again with exponential backoff and jitter; a refusal is never retried; after the last try
 * the escalation is failed. A timeout after the request left is unclear: with a help desk that
 * can be searched, the next try looks for the marker first; with one that dedupes by our key it
 * simply sends again; with one that can do neither (osTicket) it is left unconfirmed for the
 * operator, never sent twice blindly.
 */
export class EscalationWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private storeDown = false;

  constructor(
    private readonly store: EscalationStore,
    private readonly provider: TicketProvider,
    private readonly compose: (record: EscalationRecord) => Promise<OutgoingTicket>,
    private readonly listener: WorkerListener,
    private readonly log: Logger,
    private readonly settings: WorkerSettings,
    /** This process: the lease's and the claims' owner. */
    private readonly owner: string,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.settings.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops polling and lets the lease go once the current pass (bounded by the claim time) is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.store.releaseLease(this.owner).catch(() => undefined);
  }

  /** Looks at the outbox now (after a new escalation or a retry), or right after the pass under way. */
  kick(): void {
    void this.pass().then(
      () => {
        if (this.storeDown) this.log.info('escalation outbox resumed: the store answers again');
        this.storeDown = false;
      },
      (err: unknown) => {
        // A store outage is said once, not at every poll; anything else every time.
        const down = asStoreUnavailable(err) !== null;
        if (down && this.storeDown) return;
        this.storeDown = down;
        if (down) this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'escalation outbox paused: the store is unavailable');
        else this.log.warn({ err }, 'escalation outbox pass failed');
      },
    );
  }

  /** One look at the outbox; resolves when it and any pass asked for meanwhile are done. */
  pass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.sendDue();
      } while (this.askedAgain());
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** A kick came while the pass ran (read through a method: the flag changes across the awaits). */
  private askedAgain(): boolean {
    return this.again && !this.stopped;
  }

  private async sendDue(): Promise<void> {
    if (this.stopped) return;
    if (!(await this.store.acquireLease(this.owner, this.settings.leaseMs, this.now()))) return;
    const ids = await this.store.due(this.now(), this.settings.concurrency * 4);
    for (let i = 0; i < ids.length; i += this.settings.concurrency) {
      await Promise.all(ids.slice(i, i + this.settings.concurrency).map((id) => this.attempt(id)));
    }
  }

  /** One attempt at one escalation: claim, (look,) send, settle. */
  async attempt(id: string): Promise<void> {
    const started = this.now();
    const record = await this.store.claim(id, this.owner, started, started + this.settings.claimMs);
    if (!record) return;
    const outcome = await this.send(record);
    const settled = await this.store.settle(id, this.owner, this.now(), outcome);
    if (!settled) {
      this.log.warn({ escalationId: id }, 'escalation claim lost before the attempt was settled');
      return;
    }
    this.log.info(
      { escalationId: id, provider: this.provider.name, state: settled.state, attempt: settled.attempts, ms: this.now() - started, reason: settled.failure?.reason },
      'escalation attempt settled',
    );
    await this.listener.settled(settled).catch((err: unknown) => this.log.warn({ err, escalationId: id }, 'recording an escalation outcome failed'));
  }

  private async send(record: EscalationRecord): Promise<Settlement> {
    let ticket: OutgoingTicket;
    try {
      ticket = await this.compose(record);
    } catch (err) {
      // Our own store could not be read: nothing reached the help desk; try again later.
      return this.decide(record, new TicketError('retryable', `composing the ticket failed: ${err instanceof Error ? err.message : String(err)}`));
    }
    try {
      if (record.unclear) {
        if (this.provider.dedupe === 'none') {
          return { state: 'unconfirmed', failure: { reason: 'unconfirmed', detail: record.failure?.detail ?? 'the last attempt ended without an answer' } };
        }
        if (this.provider.dedupe === 'lookup' && this.provider.find) {
          const found = await this.provider.find(ticket);
          if (found) return { state: 'created', ticket: { number: found.number, url: found.url }, requester: found.requester };
        }
      }
      const created = await this.provider.create(ticket);
      return { state: 'created', ticket: { number: created.number, url: created.url }, requester: created.requester };
    } catch (err) {
      return this.decide(record, err);
    }
  }

  private decide(record: EscalationRecord, caught: unknown): Settlement {
    // An error of our own making inside a provider may come after the request left.
    const err = caught instanceof TicketError ? caught : new TicketError('unclear', caught instanceof Error ? caught.message : String(caught));
    const failure = (reason: EscalationFailure['reason']): EscalationFailure => ({ reason, detail: err.message });
    switch (err.kind) {
      case 'rejected':
      case 'misconfigured':
        return { state: 'failed', failure: failure(err.kind) };
      case 'unconfirmed':
        return { state: 'unconfirmed', failure: failure('unconfirmed') };
      case 'retryable':
      case 'unclear': {
        const unclear = err.kind === 'unclear';
        if (unclear && this.provider.dedupe === 'none') return { state: 'unconfirmed', failure: failure('unconfirmed') };
        const tries = record.attempts - record.roundStart;
        if (tries >= this.settings.maxAttempts) {
          // The last try may have made the ticket: say so, rather than "failed".
          return unclear && this.provider.dedupe === 'lookup' ? { state: 'unconfirmed', failure: failure('unconfirmed') } : { state: 'failed', failure: failure('unreachable') };
        }
        const delay = Math.max(backoffDelay(tries - 1, { baseMs: this.settings.retryBaseMs, maxMs: this.settings.retryMaxMs }, this.random), err.retryAfterMs ?? 0);
        return { state: 'pending', nextAttemptAt: this.now() + Math.min(delay, this.settings.retryMaxMs), failure: failure('unreachable'), unclear };
      }
    }
  }
}
