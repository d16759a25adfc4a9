import type { TicketDepartment, TicketPriority } from '@introserv/shared';
import { base64, httpCall, joinUrl, parseJson, statusError } from './http-call.js';
import { TicketError, type OutgoingTicket, type TicketCreated, type TicketProvider } from './ticket-provider.js';

export interface WhmcsSettings {
  /** The WHMCS root, e.g. `https://my.introserv.com` (the API is `includes/api.php` under it). */
  url: string;
  identifier: string;
  secret: string;
  /** `$api_access_key` of configuration.php, when API access is not limited by IP. */
  accessKey: string | undefined;
  /** Our departments → the names of WHMCS support departments (resolved to ids with GetSupportDepartments). */
  departments: Record<TicketDepartment, string>;
  timeoutMs: number;
}

/** WHMCS has Low, Medium and High: Regular is Medium, as a standard request. */
const PRIORITY: Record<TicketPriority, string> = { regular: 'Medium', high: 'High' };

/** Error texts that mean the settings are wrong, not the ticket. */
const MISCONFIGURED = /authentication failed|invalid ip|invalid access key|api access|permission/i;

/**
 * WHMCS's API (https://developers.whmcs.com/api/): `POST includes/api.php`, form-encoded,
 * `identifier` + `secret`, `responsetype=json`; every answer has `result: success | error`.
 * Tickets: `OpenTicket` (department by id, client by id or guest by name and e-mail, Markdown
 * message, attachments as base64 of a JSON array of `{ name, data }`). Its lookup: `GetTickets`
 * by subject, where our marker is, so a retry after a timeout never opens a second ticket.
 */
export class WhmcsProvider implements TicketProvider {
  readonly name = 'whmcs';
  readonly dedupe = 'lookup';
  private departmentIds: Promise<Map<string, string>> | null = null;

  constructor(
    private readonly settings: WhmcsSettings
  ) {}

  async create(ticket: OutgoingTicket): Promise<TicketCreated> {
    const deptid = await this.departmentId(ticket.department);
    const who = this.requester(ticket);
    const files = ticket.files.map((f) => ({ name: f.name, data: base64(f.bytes) }));
    const res = await this.api('OpenTicket', {
      deptid,
      subject: ticket.subject,
      message: ticket.markdown,
      markdown: '1',
      priority: PRIORITY[ticket.priority],
      ...who.params,
      ...(files.length ? { attachments: Buffer.from(JSON.stringify(files)).toString('base64') } : {}),
    });
    const tid = typeof res.tid === 'string' || typeof res.tid === 'number' ? String(res.tid) : '';
    if (!tid) throw new TicketError('unclear', 'WHMCS answered success without a ticket number');
    return { number: `#${tid}`, url: this.ticketUrl(tid, res.c), requester: who.kind };
  }

  async find(ticket: OutgoingTicket): Promise<TicketCreated | null> {
    const who = this.requester(ticket);
    // Narrowed to this requester's tickets: the subject search is approximate.
    const { name: _name, ...owner } = who.params;
    const res = await this.api('GetTickets', { subject: ticket.marker, limitnum: '25', ignore_dept_assignments: '1', ...owner });
    // `tickets: { ticket: [...] }`, or an empty string / array when there is none.
    const list = (res.tickets as { ticket?: unknown } | undefined)?.ticket;
    const found = (Array.isArray(list) ? (list as Record<string, unknown>[]) : []).find((t) => typeof t.subject === 'string' && t.subject.includes(ticket.marker));
    if (!found) return null;
    const tid = typeof found.tid === 'string' || typeof found.tid === 'number' ? String(found.tid) : '';
    return { number: `#${tid}`, url: this.ticketUrl(tid, found.c), requester: who.kind };
  }

  /** A client by their WHMCS client id; anyone else (or a user id that is not a WHMCS id) by name and e-mail. */
  private requester(ticket: OutgoingTicket): { kind: 'client' | 'guest'; params: Record<string, string> } {
    const r = ticket.requester;
    if (r.kind === 'client' && /^\d{1,18}$/.test(r.userId)) return { kind: 'client', params: { clientid: r.userId } };
    const name = r.name ?? r.email ?? '';
    const email = r.email ?? '';
    if (!email) throw new TicketError('rejected', 'WHMCS needs the e-mail address of a guest requester');
    return { kind: 'guest', params: { name, email } };
  }

  private ticketUrl(tid: string, c: unknown): string | null {
    return typeof c === 'string' && c ? `${joinUrl(this.settings.url, 'viewticket.php')}?tid=${encodeURIComponent(tid)}&c=${encodeURIComponent(c)}` : null;
  }

  /** Support departments by name, asked once (and again after a miss, in case an admin added one). */
  private async departmentId(department: TicketDepartment): Promise<string> {
    const wanted = this.settings.departments[department];
    for (let fresh = false; ; fresh = true) {
      this.departmentIds ??= this.loadDepartments();
      let ids: Map<string, string>;
      try {
        ids = await this.departmentIds;
      } catch (err) {
        this.departmentIds = null;
        throw err;
      }
      const id = ids.get(wanted.trim().toLowerCase());
      if (id) return id;
      if (fresh) throw new TicketError('misconfigured', `WHMCS has no support department named "${wanted}" (WHMCS_DEPARTMENTS)`);
      this.departmentIds = null;
    }
  }

  private async loadDepartments(): Promise<Map<string, string>> {
    // Reading departments creates nothing: any failure here is safe to retry.
    const res = await this.api('GetSupportDepartments', { ignore_dept_assignments: '1' }).catch((err: unknown) => {
      throw err instanceof TicketError && err.kind === 'unclear' ? new TicketError('retryable', err.message) : err;
    });
    const list = (res.departments as { department?: unknown } | undefined)?.department;
    const ids = new Map<string, string>();
    for (const d of Array.isArray(list) ? (list as Record<string, unknown>[]) : []) {
      if (typeof d.name === 'string' && (typeof d.id === 'string' || typeof d.id === 'number')) ids.set(d.name.trim().toLowerCase(), String(d.id));
    }
    return ids;
  }

  private async api(action: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const { identifier, secret, accessKey } = this.settings;
    const body = new URLSearchParams({ identifier, secret, action, responsetype: 'json', ...(accessKey ? { accesskey: accessKey } : {}), ...params });
    const answer = await httpCall(
      joinUrl(this.settings.url, 'includes/api.php'),
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: body.toString() },
      this.settings.timeoutMs,
    );
    const json = parseJson(answer.text);
    const res = json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
    const message = typeof res?.message === 'string' ? res.message : answer.text.slice(0, 200);
    const byStatus = statusError(answer, message);
    if (byStatus) throw MISCONFIGURED.test(message) && byStatus.kind !== 'retryable' ? new TicketError('misconfigured', byStatus.message) : byStatus;
    // A 200 that is not the API's JSON is a proxy or maintenance page: WHMCS did not take it.
    if (!res) throw new TicketError('retryable', `WHMCS ${action}: not a JSON answer`);
    if (res.result !== 'success') {
      throw new TicketError(MISCONFIGURED.test(message) ? 'misconfigured' : 'rejected', `WHMCS ${action}: ${message || 'error'}`);
    }
    return res;
  }
}
