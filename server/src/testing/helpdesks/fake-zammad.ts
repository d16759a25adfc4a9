import { json, startFakeHttp, type FakeHttp, type Recorded, type Reply } from './fake-http.js';

export interface ZammadTicket {
  id: number;
  number: string;
  title: string;
  group: string;
  customer: string;
  priority: string;
  article: { subject: string; body: string; content_type: string; type: string; internal: boolean; attachments: { filename: string; data: string; 'mime-type': string }[] };
}

export interface FakeZammad extends FakeHttp {
  tickets: ZammadTicket[];
  token: string;
}

/**
 * Zammad's REST API as https://docs.zammad.org/en/latest/api/ documents it: `Authorization:
 * Token token=…`; `POST /api/v1/tickets` with the first article inline (its attachments as
 * filename, base64 data, mime-type), `guess:<e-mail>` customers, groups and priorities by name
 * (`No lookup value found` otherwise, 422); `201 Created` with the ticket; errors as `{ error,
 * error_human }`; `GET /api/v1/tickets/search?query=` with `tickets` ids and `assets.Ticket`.
 */
export async function startFakeZammad(opts: { groups?: string[] } = {}): Promise<FakeZammad> {
  const groups = new Set(opts.groups ?? ['Technical issues', 'Financial issues']);
  const priorities = new Set(['1 low', '2 normal', '3 high']);
  const tickets: ZammadTicket[] = [];
  const token = 'zammad-token-123';

  const error = (status: number, message: string): Reply => json(status, { error: message, error_human: message });

  const handle = (req: Recorded): Reply => {
    if (req.headers.authorization !== `Token token=${token}`) return error(401, 'authentication failed');
    const url = new URL(req.path, 'http://zammad.local');
    if (req.method === 'GET' && url.pathname === '/api/v1/tickets/search') {
      const query = (url.searchParams.get('query') ?? '').toLowerCase();
      const found = tickets.filter((t) => t.title.toLowerCase().includes(query) || t.article.body.toLowerCase().includes(query)).slice(0, Number(url.searchParams.get('limit') ?? 10));
      return json(200, { tickets: found.map((t) => t.id), tickets_count: found.length, assets: { Ticket: Object.fromEntries(found.map((t) => [String(t.id), view(t)])) } });
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/tickets') {
      if (!String(req.headers['content-type']).startsWith('application/json')) return error(415, 'Unsupported media type');
      const b = JSON.parse(req.body) as Record<string, unknown>;
      if (typeof b.title !== 'string' || !b.title) return error(422, "Attribute 'title' required!");
      if (typeof b.group !== 'string' || !groups.has(b.group)) return error(422, `No lookup value found for 'group': ${JSON.stringify(b.group)}`);
      if (typeof b.priority === 'string' && !priorities.has(b.priority)) return error(422, `No lookup value found for 'priority': ${JSON.stringify(b.priority)}`);
      const customer = typeof b.customer_id === 'string' ? b.customer_id : '';
      if (!/^guess:[^@\s]+@[^@\s]+$/.test(customer)) return error(422, 'Invalid customer');
      const given = b.article as (Omit<ZammadTicket['article'], 'attachments'> & { attachments?: ZammadTicket['article']['attachments'] }) | undefined;
      const article = given ? { ...given, attachments: given.attachments ?? [] } : undefined;
      if (!article?.body) return error(422, 'Need at least an article body');
      const id = tickets.length + 19;
      const ticket: ZammadTicket = { id, number: String(22000 + id), title: b.title, group: b.group, customer: customer.slice(6), priority: typeof b.priority === 'string' ? b.priority : '2 normal', article };
      tickets.push(ticket);
      return json(201, view(ticket));
    }
    return error(404, 'No route matches');
  };

  const view = (t: ZammadTicket) => ({ id: t.id, group_id: 1, priority_id: 2, state_id: 1, number: t.number, title: t.title, customer_id: 10, article_count: 1, created_at: '2026-12-02T09:00:00.000Z' });

  const http = await startFakeHttp(handle);
  return Object.assign(http, { tickets, token });
}
