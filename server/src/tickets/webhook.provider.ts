import { createHmac } from 'node:crypto';
import { base64, httpCall, parseJson, statusError } from './http-call.js';
import { TicketError, type OutgoingTicket, type TicketCreated, type TicketProvider } from './ticket-provider.js';

export interface WebhookSettings {
  url: string;
  /** Signs every request: HMAC-SHA256 over `<timestamp>.<body>`. */
  secret: string;
  timeoutMs: number;
}

/** The signature header's value for a body sent at `timestamp` (Unix seconds). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Any system of one's own: the whole escalation as JSON, POSTed to TICKET_WEBHOOK_URL with
 * `Idempotency-Key` (the escalation id: the same for every retry), `X-Introserv-Timestamp`
 * and `X-Introserv-Signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>">`. A 2xx answers
 * `{ "number": "…", "url": "…" | null }`; 409 means the key was seen before (with the same
 * body, when it can). Because the receiver dedupes by key, a retry after a timeout is safe.
 * The body is documented in docs/PROTOCOL.md.
 */
export class WebhookProvider implements TicketProvider {
  readonly name = 'webhook';
  readonly dedupe = 'key';

  constructor(
    private readonly settings: WebhookSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async create(ticket: OutgoingTicket): Promise<TicketCreated> {
    const body = JSON.stringify(webhookPayload(ticket));
    const timestamp = String(Math.floor(this.now() / 1000));
    const answer = await httpCall(
      this.settings.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': ticket.key,
          'x-introserv-timestamp': timestamp,
          'x-introserv-signature': webhookSignature(this.settings.secret, timestamp, body),
        },
        body,
      },
      this.settings.timeoutMs,
    );
    const json = parseJson(answer.text) as { number?: unknown; url?: unknown; error?: unknown } | null;
    const number = typeof json?.number === 'string' || typeof json?.number === 'number' ? String(json.number).slice(0, 64) : '';
    const url = typeof json?.url === 'string' && /^https?:\/\//i.test(json.url) ? json.url : null;
    if (answer.status === 409) {
      if (number) return { number, url, requester: ticket.requester.kind };
      throw new TicketError('unconfirmed', 'the webhook says this escalation was filed before (409) but gave no ticket number');
    }
    const failed = statusError(answer, typeof json?.error === 'string' ? json.error : answer.text.slice(0, 200));
    if (failed) throw failed;
    if (!number) throw new TicketError('misconfigured', `the webhook answered ${answer.status} without a ticket number`);
    return { number, url, requester: ticket.requester.kind };
  }
}

/** What the webhook receives (see docs/PROTOCOL.md). */
export function webhookPayload(ticket: OutgoingTicket) {
  const { facts } = ticket;
  return {
    type: 'escalation',
    id: ticket.key,
    marker: ticket.marker,
    source: facts.source,
    conversationId: facts.conversationId,
    language: facts.language,
    subject: ticket.subject,
    department: ticket.department,
    priority: ticket.priority,
    requester: ticket.requester,
    incident: facts.incident,
    visitor: facts.visitor,
    operator: facts.operator,
    message: facts.message,
    body: ticket.text,
    attachments: ticket.files.map((f) => ({ name: f.name, type: f.type, data: base64(f.bytes) })),
    requestedAt: facts.requestedAt,
  };
}
