import { createHash, randomUUID } from 'node:crypto';
import {
  AppError,
  ErrorCode,
  LIMITS,
  type Conversation,
  type Escalation,
  type EscalationInput,
  type EscalationProposal,
  type IncidentFields,
  type LeaveMessageInput,
  type LeaveMessageStatus,
  type Message,
  type OperatorRef,
  type SystemEvent,
  type TicketDepartment,
} from '@introserv/shared';
import type { ConversationStore } from '../conversations/conversation.store.js';
import type { VisitorStore } from '../conversations/visitor.store.js';
import { quotaSubject } from '../limits/quota-subject.js';
import type { RateLimitStore } from '../limits/rate-limit.store.js';
import type { Logger } from '../logger.js';
import type { EscalationRecord, EscalationStore, Requester, VisitorFacts } from './escalation.store.js';
import { extractIncident } from './incident-extraction.js';
import { toEscalation, toVisitorStatus } from './escalation-view.js';
import type { WorkerListener } from './escalation.worker.js';

/** Who hears about escalations: the realtime layer implements it over Socket.IO rooms. */
export interface EscalationBroadcaster {
  /** To every operator. */
  escalationUpdated(escalation: Escalation): void;
  /** To everyone in the conversation (the visitor only what they may see). */
  messageCreated(message: Message): void;
}

export interface EscalationPorts {
  escalations: EscalationStore;
  conversations: Pick<ConversationStore, 'get' | 'append' | 'recentMessages' | 'ofVisitor'>;
  visitors: Pick<VisitorStore, 'get'>;
  rateLimits: Pick<RateLimitStore, 'reserve'>;
}

/** A sliding window: at most `max` in `windowMs`. */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

export interface LeaveMessageLimits {
  perVisitor: WindowLimit;
  perAddress: WindowLimit;
}

export interface EscalationSettings {
  /** TICKET_PROVIDER: shown to operators, recorded with each escalation. */
  provider: string;
  leaveMessageLimits: LeaveMessageLimits;
}

/** The operator as escalations need them. */
export interface Escalator {
  id: string;
  name: string;
}

/**
 * Escalations to tickets, independent of transport: the form's proposal, the request (written
 * to the outbox before any help desk is called), the operator's retry, the visitor's
 * leave-a-message; and, as the worker's listener, what each outcome means for the conversation
 * (its history and the people watching).
 */
export class EscalationService implements WorkerListener {
  constructor(
    private readonly ports: EscalationPorts,
    private readonly broadcaster: EscalationBroadcaster,
    private readonly worker: { kick(): void },
    private readonly log: Logger,
    private readonly settings: EscalationSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The form, pre-filled from what the visitor wrote. */
  async proposal(conversationId: string): Promise<EscalationProposal> {
    const conversation = await this.mustGet(conversationId);
    const [messages, escalations] = await Promise.all([
      this.ports.conversations.recentMessages(conversationId, LIMITS.historyPageMax),
      this.ports.escalations.ofConversation(conversationId),
    ]);
    const fromVisitor = messages.filter((m) => m.kind === 'text' && m.author.kind === 'visitor');
    const found = extractIncident(fromVisitor, conversation.visitor.timeZone, conversation.language);
    const first = fromVisitor[0]?.text.split(/\r?\n/)[0]?.trim() ?? '';
    const { name, email, verified, userId } = conversation.visitor;
    const department: TicketDepartment = conversation.department === 'financial' || (found.financial.length > 0 && found.highBecause.length === 0) ? 'financial' : 'technical';
    return {
      department,
      priority: found.highBecause.length > 0 ? 'high' : 'regular',
      subject: shorten(first, 120),
      incident: {
        serverOrOrder: found.addresses[0] ?? found.orders[0] ?? '',
        serviceName: found.services[0] ?? '',
        startedAt: found.times[0] ?? null,
        diagnostics: '',
      },
      highBecause: found.highBecause,
      found: { addresses: found.addresses, orders: found.orders, services: found.services, times: found.times },
      attachments: messages.filter((m) => m.kind !== 'note').flatMap((m) => m.attachments ?? []).slice(0, 50),
      requester: { kind: verified && userId ? 'client' : 'guest', name, email, userId: verified ? userId : null },
      timeZone: conversation.visitor.timeZone,
      escalations: escalations.map(toEscalation),
      provider: this.settings.provider,
    };
  }

  async list(conversationId: string): Promise<Escalation[]> {
    await this.mustGet(conversationId);
    return (await this.ports.escalations.ofConversation(conversationId)).map(toEscalation);
  }

  /** Failed and unconfirmed escalations: the console's alert. */
  async attention(): Promise<Escalation[]> {
    return (await this.ports.escalations.list({ attention: true, limit: 50 })).map(toEscalation);
  }

  async recent(limit: number): Promise<Escalation[]> {
    return (await this.ports.escalations.list({ limit })).map(toEscalation);
  }

  /**
   * An operator escalates a conversation (open, or closed from history). Written to the outbox
   * first; the worker is then kicked. The same idempotency key returns the first escalation;
   * a conversation escalated meanwhile by someone else is ESCALATION_EXISTS.
   */
  async escalate(operator: Escalator, conversationId: string, input: EscalationInput): Promise<{ escalation: Escalation; created: boolean }> {
    const conversation = await this.mustGet(conversationId);
    const messages = await this.ports.conversations.recentMessages(conversationId, LIMITS.historyPageMax);
    const available = new Set(messages.filter((m) => m.kind !== 'note').flatMap((m) => m.attachments ?? []).map((a) => a.id));
    const foreign = input.attachmentIds.filter((id) => !available.has(id));
    if (foreign.length) throw invalid('attachmentIds', 'not an attachment of this conversation');
    const requester = requesterOf(conversation, input.contact);
    const id = newEscalationId();
    const now = this.now();
    const operatorRef: OperatorRef = { id: operator.id, name: operator.name };
    const record = this.newRecord({
      id,
      idempotencyKey: `op:${operator.id}:${input.idempotencyKey}`,
      conversationId,
      visitorId: conversation.visitor.id,
      source: 'operator',
      createdBy: operatorRef,
      now,
      requester,
      draft: {
        language: conversation.language,
        department: input.department,
        priority: input.priority,
        subject: input.subject,
        incident: input.incident,
        requester,
        visitor: visitorFacts(conversation),
        throughCursor: messages.at(-1)?.cursor ?? null,
        attachmentIds: [...new Set(input.attachmentIds)],
        message: null,
        requestedAt: now,
      },
    });
    const outcome = await this.ports.escalations.create(record, { known: input.known });
    if (!outcome.ok) throw new AppError(ErrorCode.EscalationExists, 'this conversation was escalated meanwhile; reload its escalations before creating another');
    if (outcome.created) {
      this.log.info({ escalationId: id, conversationId, operatorId: operator.id, provider: this.settings.provider }, 'escalation requested');
      await this.requested(outcome.record);
      this.worker.kick();
    }
    return { escalation: toEscalation(outcome.record), created: outcome.created };
  }

  /** The operator's deliberate retry of a failed or unconfirmed escalation (anything else is returned as it is). */
  async retry(operator: Escalator, escalationId: string): Promise<Escalation> {
    const res = await this.ports.escalations.retry(escalationId, this.now());
    if (!res) throw new AppError(ErrorCode.NotFound, 'no such escalation');
    if (res.changed) {
      this.log.info({ escalationId, operatorId: operator.id }, 'escalation retried');
      await this.requested(res.record, { id: operator.id, name: operator.name });
      this.worker.kick();
    }
    return toEscalation(res.record);
  }

  /**
   * The widget's leave-a-message form: a ticket through the same outbox. The visitor is the
   * one the token names; limited per visitor and per address (an IPv6 client by its /64),
   * reserved before the message is written and given back if none was (a resend of one
   * already filed, a store failure), so a parallel burst is held to the limits.
   */
  async leaveMessage(visitorId: string, input: LeaveMessageInput, address: string): Promise<{ status: LeaveMessageStatus; created: boolean }> {
    const now = this.now();
    const { perVisitor, perAddress } = this.settings.leaveMessageLimits;
    const reserved = await this.ports.rateLimits.reserve(
      [
        { key: `leave:v:${visitorId}`, limit: perVisitor.max || Infinity, windowMs: perVisitor.windowMs },
        { key: `leave:ip:${quotaSubject(address)}`, limit: perAddress.max || Infinity, windowMs: perAddress.windowMs },
      ],
      now,
    );
    if (!reserved.ok) throw new AppError(ErrorCode.RateLimited, 'too many messages; try again later');
    try {
      const outcome = await this.fileVisitorMessage(visitorId, input, address, now);
      if (!outcome.created) await reserved.release();
      return outcome;
    } catch (err) {
      await reserved.release().catch(() => {});
      throw err;
    }
  }

  private async fileVisitorMessage(visitorId: string, input: LeaveMessageInput, address: string, now: number): Promise<{ status: LeaveMessageStatus; created: boolean }> {
    const visitor = await this.ports.visitors.get(visitorId);
    const [latest] = await this.ports.conversations.ofVisitor(visitorId, 1);
    // A chat still open (waiting for an operator) gets the ticket's news; a closed one is history.
    const conversation = latest && latest.status !== 'closed' ? latest : null;
    // A verified visitor's ticket carries the name and e-mail the host site signed, not the form's.
    const requester: Requester =
      visitor?.verified && visitor.userId
        ? { kind: 'client', userId: visitor.userId, name: visitor.name ?? input.name, email: visitor.email ?? input.email }
        : { kind: 'guest', name: input.name, email: input.email };
    const { name, email } = requester;
    const messages = conversation ? await this.ports.conversations.recentMessages(conversation.id, 1) : [];
    const id = newEscalationId();
    const record = this.newRecord({
      id,
      idempotencyKey: `visitor:${visitorId}:${input.idempotencyKey}`,
      conversationId: conversation?.id ?? null,
      visitorId,
      source: 'visitor',
      createdBy: null,
      now,
      requester,
      draft: {
        language: input.language,
        department: input.department,
        priority: 'regular',
        subject: shorten(input.message.split(/\r?\n/)[0]?.trim() ?? '', 120) || input.name,
        incident: EMPTY_INCIDENT,
        requester,
        visitor: conversation
          ? { ...visitorFacts(conversation), name, email }
          : { ...NO_FACTS, name, email, verified: requester.kind === 'client', userId: requester.kind === 'client' ? requester.userId : null, pageUrl: input.page?.url ?? null, pageTitle: input.page?.title ?? null, timeZone: input.timeZone, ip: address },
        throughCursor: messages.at(-1)?.cursor ?? null,
        attachmentIds: [],
        message: input.message,
        requestedAt: now,
      },
    });
    const outcome = await this.ports.escalations.create(record, { known: null });
    if (!outcome.ok) throw new AppError(ErrorCode.Internal, 'unexpected conflict');
    if (outcome.created) {
      this.log.info({ escalationId: id, visitorId, provider: this.settings.provider }, 'visitor left a message');
      await this.requested(outcome.record);
      this.worker.kick();
    }
    return { status: toVisitorStatus(outcome.record), created: outcome.created };
  }

  /** A visitor's own leave-a-message ticket, as it stands. */
  async visitorStatus(visitorId: string, escalationId: string): Promise<LeaveMessageStatus> {
    const record = await this.ports.escalations.get(escalationId);
    if (record?.visitorId !== visitorId || record.source !== 'visitor') throw new AppError(ErrorCode.NotFound, 'no such message');
    return toVisitorStatus(record);
  }

  /** WorkerListener: an attempt was settled. */
  async settled(record: EscalationRecord): Promise<void> {
    if (record.conversationId) {
      const event = outcomeEvent(record);
      if (event) {
        const suffix = record.state === 'created' ? 'created' : `${record.state}-${record.attempts}`;
        await this.appendEvent(record.conversationId, `esc-${record.id}-${suffix}`, event);
      }
    }
    this.broadcaster.escalationUpdated(toEscalation(record));
  }

  /** A new escalation (or a retried one) is pending: its event in the history, and every operator told. */
  private async requested(record: EscalationRecord, by: OperatorRef | null = record.createdBy): Promise<void> {
    if (record.conversationId) {
      await this.appendEvent(record.conversationId, `esc-${record.id}-pending-${record.roundStart}`, {
        type: 'escalation',
        escalationId: record.id,
        state: 'pending',
        operator: by,
        reason: null,
      }).catch((err: unknown) => this.log.warn({ err, escalationId: record.id }, 'recording an escalation request failed'));
    }
    this.broadcaster.escalationUpdated(toEscalation(record));
  }

  private async appendEvent(conversationId: string, id: string, event: SystemEvent): Promise<void> {
    const outcome = await this.ports.conversations.append({ conversationId, id, kind: 'system', author: { kind: 'system' }, text: '', event });
    if (outcome.ok && outcome.created) this.broadcaster.messageCreated(outcome.message);
  }

  private newRecord(p: Pick<EscalationRecord, 'id' | 'idempotencyKey' | 'conversationId' | 'visitorId' | 'source' | 'createdBy' | 'draft'> & { now: number; requester: Requester }): EscalationRecord {
    return {
      id: p.id,
      idempotencyKey: p.idempotencyKey,
      conversationId: p.conversationId,
      visitorId: p.visitorId,
      source: p.source,
      marker: markerOf(p.id),
      provider: this.settings.provider,
      department: p.draft.department,
      priority: p.draft.priority,
      subject: p.draft.subject,
      requester: p.requester.kind,
      createdBy: p.createdBy,
      draft: p.draft,
      state: 'pending',
      ticket: null,
      failure: null,
      attempts: 0,
      roundStart: 0,
      nextAttemptAt: p.now,
      unclear: false,
      owner: null,
      sendingUntil: null,
      createdAt: p.now,
      updatedAt: p.now,
    };
  }

  private async mustGet(id: string): Promise<Conversation> {
    const c = await this.ports.conversations.get(id);
    if (!c) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    return c;
  }
}

const EMPTY_INCIDENT: IncidentFields = { serverOrOrder: '', serviceName: '', startedAt: null, diagnostics: '' };
const NO_FACTS: VisitorFacts = { name: null, email: null, verified: false, userId: null, pageUrl: null, pageTitle: null, timeZone: null, userAgent: null, ip: null, country: null };

export const newEscalationId = (): string => `e_${randomUUID().replaceAll('-', '').slice(0, 20)}`;

/** `LC` and ten characters from the id: unique enough to find one ticket among a help desk's, and searchable as one word. */
export function markerOf(id: string): string {
  const digest = createHash('sha256').update(id).digest();
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let out = 'LC';
  for (let i = 0; i < 10; i++) out += alphabet[(digest[i] ?? 0) % alphabet.length] ?? '0';
  return out;
}

/**
 * A visitor whose Client Area account the host page proved gets the ticket under it; anyone
 * else is a guest, by the name and e-mail of the chat, or of the form when the chat has none.
 */
function requesterOf(c: Conversation, contact: EscalationInput['contact']): Requester {
  const v = c.visitor;
  if (v.verified && v.userId) return { kind: 'client', userId: v.userId, name: v.name ?? contact?.name ?? null, email: v.email ?? contact?.email ?? null };
  const name = contact?.name ?? v.name;
  const email = contact?.email ?? v.email;
  if (!name || !email) throw invalid('contact', 'the chat has no name or e-mail: ask the visitor and fill them in');
  return { kind: 'guest', name, email };
}

function visitorFacts(c: Conversation): VisitorFacts {
  const v = c.visitor;
  return { name: v.name, email: v.email, verified: v.verified, userId: v.userId, pageUrl: v.page.url, pageTitle: v.page.title || null, timeZone: v.timeZone, userAgent: v.userAgent, ip: v.ip, country: v.country };
}

function invalid(path: string, message: string): AppError {
  return new AppError(ErrorCode.InvalidPayload, 'invalid request', [{ path, message }]);
}

/** At most `max` characters, cut at a word where possible. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function outcomeEvent(r: EscalationRecord): SystemEvent | null {
  if (r.state === 'created' && r.ticket) return { type: 'ticket-created', ticket: r.ticket, requester: r.requester };
  if (r.state === 'failed' || r.state === 'unconfirmed') return { type: 'escalation', escalationId: r.id, state: r.state, operator: null, reason: r.failure?.detail ?? null };
  return null;
}
