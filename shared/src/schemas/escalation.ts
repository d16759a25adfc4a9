import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { Attachment } from './attachment.js';
import { PageInfo, TimeZone } from './conversation.js';
import { ClientMessageId, EntityId } from './ids.js';
import { Language } from './language.js';
import { OperatorRef } from './message.js';

/**
 * The two ticket departments of the seeds: Technical issues (server, network, technical
 * problems) and Financial issues (invoices, payments). Each provider maps them to its own
 * department, help topic or group.
 */
export const TicketDepartment = z.enum(['technical', 'financial']);
export type TicketDepartment = z.infer<typeof TicketDepartment>;

/** Regular: a standard request. High: a critical incident, e.g. the service is fully unavailable. */
export const TicketPriority = z.enum(['regular', 'high']);
export type TicketPriority = z.infer<typeof TicketPriority>;

/**
 * When the problem started, as the visitor would say it: a wall-clock date and time in a
 * time zone (the visitor's by default). The ticket shows it in CET/CEST as well.
 *
 * @example { date: '2026-12-02', time: '08:15', timeZone: 'Europe/Zagreb' }
 */
export const IncidentTime = z.object({
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date like 2026-12-02'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like 08:15'),
  timeZone: TimeZone,
});
export type IncidentTime = z.infer<typeof IncidentTime>;

/** What the seeds ask a ticket about a critical incident to carry. Empty strings: not known. */
export const IncidentFields = z.object({
  /** Server IP address or order number, e.g. `203.0.113.7` or `#123456`. */
  serverOrOrder: z.string().trim().max(200),
  /** The service name as shown in the Client Area. */
  serviceName: z.string().trim().max(200),
  startedAt: IncidentTime.nullable(),
  /** Any diagnostic data: traceroutes, error messages, logs. */
  diagnostics: z.string().trim().max(10_000),
});
export type IncidentFields = z.infer<typeof IncidentFields>;

/** Name and e-mail of a guest requester (anyone whose Client Area account the host page did not prove). */
export const GuestContact = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().pipe(z.email().max(254)),
});
export type GuestContact = z.infer<typeof GuestContact>;

/**
 * `POST /api/conversations/:id/escalations`: the operator's form.
 *
 * `idempotencyKey` is made when the form opens and sent again with every resubmit of it, so
 * a double click or a retry after a lost answer stores one escalation. `known` is how many
 * escalations of this conversation the form was shown: when another tab escalated the chat
 * meanwhile, the server answers 409 `ESCALATION_EXISTS` instead of opening a second ticket.
 *
 * @example
 * { idempotencyKey: 'b1f0c2d4-…', known: 0, department: 'technical', priority: 'high',
 *   subject: 'VPS unreachable', incident: { serverOrOrder: '203.0.113.7', serviceName: 'VPS SSD-2',
 *   startedAt: { date: '2026-12-02', time: '08:15', timeZone: 'Europe/Berlin' }, diagnostics: '' },
 *   attachmentIds: [] }
 */
export const EscalationInput = z.object({
  idempotencyKey: ClientMessageId,
  known: z.number().int().min(0).max(1_000),
  department: TicketDepartment,
  priority: TicketPriority,
  subject: z.string().trim().min(1, 'subject is empty').max(200),
  incident: IncidentFields,
  /** Which of the chat's attachments go with the ticket. */
  attachmentIds: z.array(Attachment.shape.id).max(10).default([]),
  /** For a guest ticket when the chat has no name or e-mail; ignored for a verified visitor. */
  contact: GuestContact.optional(),
});
export type EscalationInput = z.infer<typeof EscalationInput>;

/** `pending`: in the outbox (waiting, being sent, or waiting for its next try). */
export const EscalationState = z.enum(['pending', 'created', 'failed', 'unconfirmed']);
export type EscalationState = z.infer<typeof EscalationState>;

/**
 * Why an escalation is not a ticket (yet). `rejected`: the help desk refused it (a validation
 * error; retrying the same data fails again). `misconfigured`: the help desk refused our
 * credentials or mapping (an admin must fix the settings). `unreachable`: no answer after
 * every try. `unconfirmed`: the request may have reached a help desk that offers no lookup;
 * search it for the marker before retrying.
 */
export const EscalationFailure = z.object({
  reason: z.enum(['rejected', 'misconfigured', 'unreachable', 'unconfirmed']),
  /** The help desk's own words (or the network error), for the operator. */
  detail: z.string().max(500),
});
export type EscalationFailure = z.infer<typeof EscalationFailure>;

/** A ticket as the help desk numbered it; `url` when the help desk has a page for it. */
export const TicketRef = z.object({
  number: z.string().min(1).max(64),
  url: z.url({ protocol: /^https?$/ }).nullable(),
});
export type TicketRef = z.infer<typeof TicketRef>;

/** Who the ticket is filed for: the visitor's verified Client Area account, or a guest by name and e-mail. */
export const RequesterKind = z.enum(['client', 'guest']);
export type RequesterKind = z.infer<typeof RequesterKind>;

/**
 * An escalation as operators see it, in `escalation:updated` and the escalation endpoints.
 *
 * @example
 * { id: 'e_3Kq…', conversationId: 'c_8Hq…', source: 'operator', state: 'created', marker: 'LC7F3K9Q2MXA',
 *   provider: 'whmcs', department: 'technical', priority: 'high', subject: 'VPS unreachable',
 *   requester: 'client', createdBy: { id: 'op_1', name: 'Ana' }, ticket: { number: '#516757', url: 'https://…' },
 *   failure: null, attempts: 1, nextAttemptAt: null, createdAt: 1700000000000, updatedAt: 1700000000420 }
 */
export const Escalation = z.object({
  id: EntityId,
  /** Null for a visitor's leave-a-message ticket written while no chat was open. */
  conversationId: EntityId.nullable(),
  /** `operator`: the console's form; `visitor`: the widget's leave-a-message form. */
  source: z.enum(['operator', 'visitor']),
  state: EscalationState,
  /** Written into the ticket's subject and body: what to search the help desk for. */
  marker: z.string().regex(/^LC[0-9A-Z]{10}$/),
  /** The TICKET_PROVIDER that files it. */
  provider: z.string().max(20),
  department: TicketDepartment,
  priority: TicketPriority,
  subject: z.string().max(200),
  requester: RequesterKind,
  createdBy: OperatorRef.nullable(),
  ticket: TicketRef.nullable(),
  failure: EscalationFailure.nullable(),
  /** Calls made to the help desk so far. */
  attempts: z.number().int().nonnegative(),
  /** When the next try is due, while pending. */
  nextAttemptAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Escalation = z.infer<typeof Escalation>;

export const EscalationResult = z.object({ escalation: Escalation });
export type EscalationResult = z.infer<typeof EscalationResult>;

export const EscalationList = z.object({ escalations: z.array(Escalation) });
export type EscalationList = z.infer<typeof EscalationList>;

/** `GET /api/escalations?attention=true`: only the failed and unconfirmed ones. */
export const EscalationListQuery = z.object({ attention: z.enum(['true', 'false']).optional() });
export type EscalationListQuery = z.infer<typeof EscalationListQuery>;

/**
 * `GET /api/conversations/:id/escalations/proposal`: the form, pre-filled from the
 * conversation. What the visitor wrote is searched for server IP addresses, order numbers,
 * service names and times (proposed, never sent without the operator), and for words saying
 * the service is down (`highBecause`: then priority High is suggested).
 */
export const EscalationProposal = z.object({
  department: TicketDepartment,
  priority: TicketPriority,
  subject: z.string().max(200),
  incident: IncidentFields,
  /** The words that made High the suggestion, as the visitor wrote them. */
  highBecause: z.array(z.string().max(100)).max(10),
  /** Everything found, so the operator can pick another candidate. */
  found: z.object({
    addresses: z.array(z.string().max(100)).max(10),
    orders: z.array(z.string().max(20)).max(10),
    services: z.array(z.string().max(200)).max(10),
    times: z.array(IncidentTime).max(10),
  }),
  /** The chat's attachments the ticket may carry. */
  attachments: z.array(Attachment).max(50),
  requester: z.object({
    kind: RequesterKind,
    name: z.string().max(100).nullable(),
    email: z.string().max(254).nullable(),
    /** The Client Area user id of a verified visitor. */
    userId: z.string().max(128).nullable(),
  }),
  /** The visitor's time zone: the form's default for when the problem started. */
  timeZone: TimeZone,
  /** The conversation's escalations so far (the form sends their count as `known`). */
  escalations: z.array(Escalation),
  /** The TICKET_PROVIDER tickets go to. */
  provider: z.string().max(20),
});
export type EscalationProposal = z.infer<typeof EscalationProposal>;

/**
 * `POST /widget/messages`: the widget's leave-a-message form, sent with the visitor's token
 * (`Authorization: Bearer`). It becomes a guest ticket (or a client one for a visitor
 * the host page verified) through the same outbox as the operators' escalations.
 */
export const LeaveMessageInput = z.object({
  siteId: z.string().regex(/^[a-z0-9_-]{1,64}$/i),
  idempotencyKey: ClientMessageId,
  language: Language,
  name: z.string().trim().min(1, 'name is empty').max(100),
  email: z.string().trim().pipe(z.email().max(254)),
  department: TicketDepartment,
  message: z.string().trim().min(1, 'message is empty').max(LIMITS.messageTextMax),
  page: PageInfo.optional(),
  timeZone: TimeZone,
});
export type LeaveMessageInput = z.infer<typeof LeaveMessageInput>;

/** What the visitor may know of their leave-a-message ticket: its state and, once created, its number. */
export const LeaveMessageStatus = z.object({
  id: EntityId,
  state: EscalationState,
  ticket: TicketRef.nullable(),
  /** Guest tickets are answered by e-mail; client ones in the Client Area. */
  requester: RequesterKind,
});
export type LeaveMessageStatus = z.infer<typeof LeaveMessageStatus>;

export const LeaveMessageResult = z.object({ message: LeaveMessageStatus });
export type LeaveMessageResult = z.infer<typeof LeaveMessageResult>;

/** A file kept with a local ticket: the transcripts, and the chat's attachments by reference. */
export const LocalTicketFile = z.object({
  name: z.string().max(255),
  type: z.string().max(100),
  size: z.number().int().nonnegative(),
  /** A chat attachment: served by `GET /api/attachments/:id` while the upload is kept (RETENTION_DAYS). */
  attachmentId: Attachment.shape.id.optional(),
});
export type LocalTicketFile = z.infer<typeof LocalTicketFile>;

/** A ticket of the `local` provider (the embedded help desk), as the console's Tickets page lists it. */
export const LocalTicketSummary = z.object({
  number: z.string().regex(/^#\d{6}$/),
  subject: z.string(),
  department: TicketDepartment,
  priority: TicketPriority,
  requester: z.object({ kind: RequesterKind, name: z.string().nullable(), email: z.string().nullable(), userId: z.string().nullable() }),
  escalationId: EntityId,
  conversationId: EntityId.nullable(),
  createdAt: z.number().int(),
});
export type LocalTicketSummary = z.infer<typeof LocalTicketSummary>;

export const LocalTicket = LocalTicketSummary.extend({
  /** The ticket's text: incident, visitor, conversation. */
  body: z.string(),
  files: z.array(LocalTicketFile),
});
export type LocalTicket = z.infer<typeof LocalTicket>;

/** `GET /api/tickets` */
export const LocalTicketList = z.object({ tickets: z.array(LocalTicketSummary), provider: z.string() });
export type LocalTicketList = z.infer<typeof LocalTicketList>;

/** `GET /api/tickets/:number` (the number's digits) */
export const LocalTicketResult = z.object({ ticket: LocalTicket });
export type LocalTicketResult = z.infer<typeof LocalTicketResult>;

/** A local ticket's number in a path: its six digits, without the `#`. */
export const TicketDigits = z.string().regex(/^\d{6}$/, 'expected the six digits of a ticket number');

/** The files of a local ticket that are downloaded by name (a chat's own files are read as attachments). */
export const TicketFileName = z.enum(['transcript.txt', 'transcript.html']);
