import { startFakeHttp, text, type FakeHttp, type Recorded, type Reply } from './fake-http.js';

export interface OsTicketTicket {
  number: string;
  name: string;
  email: string;
  subject: string;
  message: string;
  messageType: string;
  ip: string | null;
  priority: number | null;
  topicId: number | null;
  attachments: { name: string; type: string; data: Buffer }[];
}

export interface FakeOsTicket extends FakeHttp {
  tickets: OsTicketTicket[];
  apiKey: string;
}

const SUPPORTED = new Set(['alert', 'autorespond', 'source', 'topicId', 'attachments', 'message', 'ip', 'priority', 'name', 'email', 'subject', 'phone', 'notes']);

/** RFC 2397: `data:[<type>][;charset=…][;base64],<data>`. */
function parseDataUrl(url: string): { type: string; data: Buffer } | null {
  const m = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(url);
  if (!m) return null;
  const type = (m[1] ?? '').split(';')[0] || 'text/plain';
  return { type, data: m[2] ? Buffer.from(m[3] ?? '', 'base64') : Buffer.from(decodeURIComponent(m[3] ?? ''), 'utf8') };
}

/**
 * osTicket's HTTP API as https://docs.osticket.com documents it: `POST /api/tickets.json`
 * with `X-API-Key`; the fields listed there only (anything else is "Unexpected or invalid data
 * received"); message and attachments as RFC 2397 data URLs; `201 Created` with the number as
 * the body; errors as text with their status. There is no lookup.
 */
export async function startFakeOsTicket(): Promise<FakeOsTicket> {
  const tickets: OsTicketTicket[] = [];
  const apiKey = 'BA00B76BAA30F62E1940B46CC1C3C73C';
  let next = 100_231;

  const handle = (req: Recorded): Reply => {
    if (req.path !== '/api/tickets.json') return text(404, 'Unknown API endpoint');
    if (req.method !== 'POST') return text(405, 'Method not allowed');
    if (req.headers['x-api-key'] !== apiKey) return text(401, 'API key not authorized');
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return text(400, 'Invalid JSON');
    }
    if (Object.keys(data).some((k) => !SUPPORTED.has(k))) return text(400, 'Unexpected or invalid data received');
    const errors: string[] = [];
    const str = (k: string): string => {
      const v = data[k];
      return typeof v === 'string' ? v : '';
    };
    if (!str('name')) errors.push('name: Name is required');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(str('email'))) errors.push('email: Valid email address required');
    if (!str('subject')) errors.push('subject: Subject is required');
    const message = parseDataUrl(str('message')) ?? (str('message') ? { type: 'text/plain', data: Buffer.from(str('message')) } : null);
    if (!message) errors.push('message: Message content is required');
    if (errors.length) return text(400, `Unable to create new ticket: validation errors:\n${errors.join('\n')}`);
    const attachments: OsTicketTicket['attachments'] = [];
    for (const entry of Array.isArray(data.attachments) ? (data.attachments as Record<string, string>[]) : []) {
      for (const [name, url] of Object.entries(entry)) {
        const file = parseDataUrl(url);
        if (!file) return text(400, `${name}: Poorly encoded base64 data`);
        attachments.push({ name, ...file });
      }
    }
    const ticket: OsTicketTicket = {
      number: String(next++),
      name: str('name'),
      email: str('email'),
      subject: str('subject'),
      message: message?.data.toString('utf8') ?? '',
      messageType: message?.type ?? '',
      ip: str('ip') || null,
      priority: typeof data.priority === 'number' ? data.priority : null,
      topicId: typeof data.topicId === 'number' ? data.topicId : null,
      attachments,
    };
    tickets.push(ticket);
    return text(201, ticket.number);
  };

  const http = await startFakeHttp(handle);
  return Object.assign(http, { tickets, apiKey });
}
