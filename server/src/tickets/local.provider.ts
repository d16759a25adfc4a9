import { TicketError, type OutgoingTicket, type TicketCreated, type TicketProvider } from './ticket-provider.js';
import { randomTicketNumber, type TicketStore } from './ticket.store.js';

/**
 * The embedded help desk: tickets kept in the store (the console's Tickets page lists them),
 * so the quick start escalates with nothing else installed. Filed once per escalation id.
 */
export class LocalTicketProvider implements TicketProvider {
  readonly name = 'local';
  readonly dedupe = 'key';

  constructor(
    private readonly store: TicketStore,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  async create(ticket: OutgoingTicket): Promise<TicketCreated> {
    const r = ticket.requester;
    const files = ticket.files.map((f) =>
      f.attachmentId
        ? { name: f.name, type: f.type, size: f.bytes.byteLength, attachmentId: f.attachmentId }
        : { name: f.name, type: f.type, size: f.bytes.byteLength, text: Buffer.from(f.bytes).toString('utf8') },
    );
    // Six digits leave 900,000 numbers: five fresh draws collide only when the store is nearly full.
    for (let round = 0; round < 3; round++) {
      const candidates = Array.from({ length: 5 }, () => randomTicketNumber(this.random));
      const filed = await this.store.create(
        ticket.key,
        {
          subject: ticket.subject,
          department: ticket.department,
          priority: ticket.priority,
          requester: { kind: r.kind, name: r.name, email: r.email, userId: r.kind === 'client' ? r.userId : null },
          escalationId: ticket.key,
          conversationId: ticket.facts.conversationId,
          createdAt: this.now(),
          body: ticket.text,
          files,
        },
        candidates,
      );
      if (filed) return { number: filed.ticket.number, url: null, requester: r.kind };
    }
    throw new TicketError('retryable', 'no free ticket number found');
  }
}
