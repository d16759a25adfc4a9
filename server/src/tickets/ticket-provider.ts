import type { IncidentFields, Language, OperatorRef, RequesterKind, TicketDepartment, TicketPriority } from '@introserv/shared';
import type { Requester, VisitorFacts } from './escalation.store.js';

/**
 * A help desk the outbox files tickets in. One file per system (`<name>.provider.ts`),
 * chosen by TICKET_PROVIDER. `create` throws a {@link TicketError} saying whether the
 * failure may heal; the worker decides what to do with it.
 */
export interface TicketProvider {
  readonly name: string;
  /**
   * How a retry after an unclear outcome (a timeout after the request was sent) stays
   * exactly once: `key` — the help desk dedupes by our idempotency key, so sending again is
   * safe; `lookup` — `find` looks for the marker first; `none` — neither: the operator decides.
   */
  readonly dedupe: 'key' | 'lookup' | 'none';
  create(ticket: OutgoingTicket): Promise<TicketCreated>;
  /** The ticket carrying `ticket.marker`, when the help desk has one (providers with `dedupe: 'lookup'`). */
  find?(ticket: OutgoingTicket): Promise<TicketCreated | null>;
}

export interface TicketCreated {
  /** As the help desk shows it to customers, e.g. `#516757`. */
  number: string;
  url: string | null;
  /** Whom the help desk filed it for (a client id it could not use makes a guest ticket). */
  requester: RequesterKind;
}

/** A file sent with the ticket: the transcripts, and the chat attachments the operator chose. */
export interface TicketFile {
  name: string;
  type: string;
  bytes: Uint8Array;
  /** For a chat attachment: its id (the local help desk keeps a reference instead of the bytes). */
  attachmentId?: string;
}

/** A ticket ready to send: everything a provider needs, already worded. */
export interface OutgoingTicket {
  /** The escalation's id: the idempotency key, where a help desk takes one. */
  key: string;
  /** `LC` and ten characters: in the subject and the body, what to search a help desk for. */
  marker: string;
  /** The subject with the marker, e.g. `VPS unreachable [LC0123456789]`. */
  subject: string;
  department: TicketDepartment;
  priority: TicketPriority;
  requester: Requester;
  /** The body as plain text (incident, visitor, conversation). */
  text: string;
  /** The same body as Markdown, with everything anyone typed escaped. */
  markdown: string;
  files: TicketFile[];
  /** What the webhook sends besides the text: the same facts, structured. */
  facts: {
    escalationId: string;
    conversationId: string | null;
    source: 'operator' | 'visitor';
    language: Language;
    incident: IncidentFields;
    visitor: VisitorFacts;
    operator: OperatorRef | null;
    message: string | null;
    requestedAt: number;
  };
}

/**
 * - `rejected`: the help desk refused this ticket (a validation error): the same data fails again.
 * - `misconfigured`: it refused our credentials or mapping: an admin must fix the settings.
 * - `retryable`: nothing was created (no connection, 429, 5xx): try again later.
 * - `unclear`: the request may have arrived (a timeout, a connection lost mid-answer).
 * - `unconfirmed`: the help desk says the ticket exists without saying which.
 */
export type TicketErrorKind = 'rejected' | 'misconfigured' | 'retryable' | 'unclear' | 'unconfirmed';

export class TicketError extends Error {
  override name = 'TicketError';

  constructor(
    readonly kind: TicketErrorKind,
    message: string,
    /** From a 429's Retry-After. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message.slice(0, 500));
  }
}
