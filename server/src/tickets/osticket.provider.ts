import type { TicketDepartment, TicketPriority } from '@introserv/shared';
import { base64, httpCall, joinUrl, statusError } from './http-call.js';
import { TicketError, type OutgoingTicket, type TicketCreated, type TicketProvider } from './ticket-provider.js';

export interface OsTicketSettings {
  /** The helpdesk root, e.g. `https://support.introserv.com` (the API is `api/tickets.json` under it). */
  url: string;
  apiKey: string;
  /** Our departments → osTicket help topic ids; a department left out goes to osTicket's default topic. */
  topics: Partial<Record<TicketDepartment, number>>;
  /** Our priorities → osTicket priority ids (stock osTicket: 2 Normal, 3 High). */
  priorities: Partial<Record<TicketPriority, number>>;
  timeoutMs: number;
}

/**
 * osTicket's HTTP API (https://docs.osticket.com/en/latest/Developer%20Documentation/API/Tickets.html):
 * `POST /api/tickets.json` with the `X-API-Key` header; the message and the attachments are
 * RFC 2397 data URLs; a `201 Created` body is the new ticket's number, any other status has the
 * error as its text. The API can only create tickets, so there is no lookup: after a timeout
 * the outbox asks the operator to search for the marker rather than risk a second ticket.
 */
export class OsTicketProvider implements TicketProvider {
  readonly name = 'osticket';
  readonly dedupe = 'none';

  constructor(
    private readonly settings: OsTicketSettings
  ) {}

  async create(ticket: OutgoingTicket): Promise<TicketCreated> {
    const r = ticket.requester;
    const email = r.email ?? '';
    if (!email) throw new TicketError('rejected', 'osTicket needs the requester’s e-mail address');
    const topicId = this.settings.topics[ticket.department];
    const priority = this.settings.priorities[ticket.priority];
    const payload = {
      alert: true,
      autorespond: true,
      source: 'API',
      name: r.name ?? email,
      email,
      subject: ticket.subject,
      message: `data:text/plain;charset=utf-8;base64,${Buffer.from(ticket.text).toString('base64')}`,
      ...(ticket.facts.visitor.ip ? { ip: ticket.facts.visitor.ip } : {}),
      ...(priority !== undefined ? { priority } : {}),
      ...(topicId !== undefined ? { topicId } : {}),
      attachments: ticket.files.map((f) => ({ [f.name]: `data:${f.type.split(';')[0] ?? 'application/octet-stream'};base64,${base64(f.bytes)}` })),
    };
    const answer = await httpCall(
      joinUrl(this.settings.url, 'api/tickets.json'),
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': this.settings.apiKey }, body: JSON.stringify(payload) },
      this.settings.timeoutMs,
    );
    const text = answer.text.trim();
    const failed = statusError(answer, text.slice(0, 300));
    if (failed) throw failed;
    if (answer.status !== 201 || !/^[\w-]{1,32}$/.test(text)) throw new TicketError('unclear', `osTicket answered ${answer.status} without a ticket number`);
    // Filed by e-mail: a verified visitor's ticket is theirs, anyone else's a guest's.
    return { number: `#${text}`, url: null, requester: r.kind };
  }
}
