import type { TicketDepartment, TicketPriority } from '@introserv/shared';
import { base64, httpCall, joinUrl, parseJson, statusError } from './http-call.js';
import { TicketError, type OutgoingTicket, type TicketCreated, type TicketProvider } from './ticket-provider.js';

export interface ZammadSettings {
  /** The Zammad root, e.g. `https://helpdesk.introserv.com`. */
  url: string;
  /** An access token of an agent allowed to create tickets on behalf of customers. */
  token: string;
  /** Our departments → Zammad group names. */
  groups: Record<TicketDepartment, string>;
  /** Our priorities → Zammad priority names (stock Zammad: `2 normal`, `3 high`). */
  priorities: Record<TicketPriority, string>;
  timeoutMs: number;
}

/**
 * Zammad's REST API (https://docs.zammad.org/en/latest/api/ticket/index.html): `POST
 * /api/v1/tickets` with `Authorization: Token token=…`, the first article inline with its
 * attachments (`filename`, base64 `data`, `mime-type`), the customer as `guess:<e-mail>` (found
 * or created). Errors are `{ error, error_human }`. Its lookup: `GET /api/v1/tickets/search`
 * for the marker in the title.
 */
export class ZammadProvider implements TicketProvider {
  readonly name = 'zammad';
  readonly dedupe = 'lookup';

  constructor(
    private readonly settings: ZammadSettings
  ) {}

  async create(ticket: OutgoingTicket): Promise<TicketCreated> {
    const email = ticket.requester.email;
    if (!email) throw new TicketError('rejected', 'Zammad needs the requester’s e-mail address');
    const res = await this.api('POST', 'api/v1/tickets', {
      title: ticket.subject,
      group: this.settings.groups[ticket.department],
      customer_id: `guess:${email}`,
      priority: this.settings.priorities[ticket.priority],
      article: {
        subject: ticket.subject,
        body: ticket.text,
        content_type: 'text/plain',
        type: 'web',
        internal: false,
        attachments: ticket.files.map((f) => ({ filename: f.name, data: base64(f.bytes), 'mime-type': f.type.split(';')[0] ?? 'application/octet-stream' })),
      },
    });
    return this.created(res, ticket);
  }

  async find(ticket: OutgoingTicket): Promise<TicketCreated | null> {
    const res = await this.api('GET', `api/v1/tickets/search?query=${encodeURIComponent(ticket.marker)}&limit=10`);
    const assets = (res.assets as { Ticket?: Record<string, Record<string, unknown>> } | undefined)?.Ticket ?? {};
    const found = Object.values(assets).find((t) => typeof t.title === 'string' && t.title.includes(ticket.marker));
    return found ? this.created(found, ticket) : null;
  }

  private created(t: Record<string, unknown>, ticket: OutgoingTicket): TicketCreated {
    const number = typeof t.number === 'string' || typeof t.number === 'number' ? String(t.number) : '';
    if (!number) throw new TicketError('unclear', 'Zammad answered without a ticket number');
    const id = typeof t.id === 'number' || typeof t.id === 'string' ? String(t.id) : null;
    return { number: `#${number}`, url: id ? `${joinUrl(this.settings.url, '')}#ticket/zoom/${encodeURIComponent(id)}` : null, requester: ticket.requester.kind };
  }

  private async api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await httpCall(
      joinUrl(this.settings.url, path),
      {
        method,
        headers: { authorization: `Token token=${this.settings.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      },
      this.settings.timeoutMs,
    );
    const json = parseJson(answer.text);
    const res = json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
    const human = typeof res?.error_human === 'string' ? res.error_human : typeof res?.error === 'string' ? res.error : answer.text.slice(0, 200);
    const failed = statusError(answer, human);
    // A group or priority Zammad does not know is our mapping's fault, not this ticket's.
    if (failed) throw failed.kind === 'rejected' && /lookup value.*'(group|priority)'/i.test(human) ? new TicketError('misconfigured', failed.message) : failed;
    if (!res) throw new TicketError('retryable', 'Zammad: not a JSON answer');
    return res;
  }
}
