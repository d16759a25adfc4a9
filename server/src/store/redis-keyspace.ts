import type { Redis } from 'ioredis';
import { directWrites, type AckedWrites } from './replica-wait.js';

/**
 * The Redis ports share one Redis and one key prefix, as the memory ports share one
 * MemoryDb. Layout (every key behind the prefix):
 * - `conv:<id>` hash: the conversation; `conv:<id>:msgs` stream: its messages, entry id = cursor;
 *   `conv:<id>:mids` hash: client message id → entry id (idempotency);
 * - `convs` sorted set by creation time, `convs:open` those not closed, `convs:idle` open ones whose
 *   visitor left, by when; `convs:closed-at` closed ones by when they closed (what the retention sweep deletes); `queue:<name>` sorted set of waiting conversations by their place in line;
 * - `op:<id>` hash: the operator; `op:email:<email>` → id; `ops` set of ids; `op:<id>:convs` set of
 *   assigned open conversations; `ops:load` sorted set: operator → assigned count; `op:<id>:sessions`;
 * - `ops:available` set: operators routing may give chats to; `ops:status` hash: the status each chose;
 *   `op:<id>:conns` hash: process id → live connections; `op:<id>:away` since when they have had none;
 * - `vtoken:<sha256>` → visitor id; `vis:<id>` hash (`tok`: that sha256); `visitors:seen` sorted set by last hello; `vis:<id>:conns` hash: process id → connections;
 *   `visitors:leaving` sorted set: visitor → since when they have had none;
 * - `proc:<id>` a process's lease (TTL); `procs` sorted set: process → lease end; `proc:<id>:visitors` set;
 * - `sess:<key>` session JSON with TTL;
 *   `q:<limit key>:<window>` a limit's counter for one fixed window (TTL two windows): quotas
 *   (`conversation:ip:<subject>`, …), login failures (`login:fail:…`), leave-a-message, e-mails, upload bytes;
 *   `slot:<key>` sorted set: places held (member → when), e.g. `slot:queued:<subject>` a subject's waiting chats;
 * - `ready:<process id>` the readiness probe's write (TTL 10 s); `replica-wait` a Pub/Sub channel nobody
 *   listens to (the barrier before a WAIT, see replica-wait.ts).
 * - `esc:<id>` hash: an escalation in the outbox; `esc:key:<idempotency key>` → id; `conv:<id>:escs` list;
 *   `escs` / `escs:due` / `escs:attention` sorted sets; `escs:lease` the worker's lease (TTL);
 * - `tkt:<digits>` a local ticket's JSON, `tkt:key:<escalation id>` → digits, `tkts` sorted set.
 * - `conv:<id>` also holds `queuedAt` (routing's fallback clock) and `notTo` (who transferred it to a department);
 *   `convs:closed` sorted set: closed conversations by start time; `hist:t:<term>` sorted set: the history's search index;
 * - `op:<id>` also holds `departments`, `languages` (comma lists; empty = all) and `autoAssign`;
 * - `canned` hash: id → canned response JSON; `canned:sc:<language>:<shortcut>` → id;
 * - `stats:day:<YYYY-MM-DD>` hash: the dashboard's counts and histograms; `stats:conv:<id>` what was counted;
 * - `settings` and `notice`: the widget's settings and the status notice, JSON; `conv:<id>:rcpt` hash: read
 *   receipts (d, r cursors); `served:<department>` list: when that queue was served lately, newest first;
 *   `file:<id>` hash: an uploaded file's metadata (its bytes are in UPLOAD_DIR); `files` sorted set by
 *   upload time, `files:unbound` those no message carries yet (both for the retention sweep).
 * Scripts reach keys derived from the prefix, so this needs one Redis (or a primary), not Redis Cluster.
 */
export class RedisKeyspace {
  constructor(
    readonly redis: Redis,
    readonly prefix: string,
    /** This process, for connection counts that die with it. */
    readonly processId: string,
    /** Writes whose ack promises durability (message appends): on `redis`, or waiting for replicas. */
    readonly acked: AckedWrites = directWrites(redis),
  ) {}

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }
}
