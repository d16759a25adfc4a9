import { json, startFakeHttp, type FakeHttp, type Recorded, type Reply } from './fake-http.js';

export interface WhmcsTicket {
  id: number;
  tid: string;
  c: string;
  deptid: string;
  userid: string;
  name: string;
  email: string;
  subject: string;
  message: string;
  markdown: boolean;
  priority: string;
  attachments: { name: string; data: string }[];
}

export interface FakeWhmcs extends FakeHttp {
  tickets: WhmcsTicket[];
  identifier: string;
  secret: string;
}

/**
 * WHMCS's API as https://developers.whmcs.com/api-reference/ documents it: `POST
 * /includes/api.php`, form-encoded, authenticated by `identifier` + `secret`, answers in JSON
 * with `responsetype=json`, `result: "error"` with a message for a refusal (Authentication
 * Failed with HTTP 403). GetSupportDepartments, OpenTicket (its documented error messages),
 * GetTickets (`tickets.ticket[]`, subject matched approximately).
 */
export async function startFakeWhmcs(opts: { departments?: { id: string; name: string }[]; clients?: string[] } = {}): Promise<FakeWhmcs> {
  const departments = opts.departments ?? [
    { id: '1', name: 'Technical issues' },
    { id: '2', name: 'Financial issues' },
  ];
  const clients = new Set(opts.clients ?? ['42']);
  const tickets: WhmcsTicket[] = [];
  const identifier = 'whmcs-identifier';
  const secret = 'whmcs-secret';
  let nextTid = 516757;

  const error = (message: string, status = 200): Reply => json(status, { result: 'error', message });

  const handle = (req: Recorded): Reply => {
    if (req.method !== 'POST' || req.path !== '/includes/api.php') return { status: 404, body: '<html>Not Found</html>', headers: { 'content-type': 'text/html' } };
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return error('Invalid request');
    const p = new URLSearchParams(req.body);
    if (p.get('identifier') !== identifier || p.get('secret') !== secret) return error('Authentication Failed', 403);
    if (p.get('responsetype') !== 'json') return { status: 200, body: 'result=error;message=responsetype;', headers: { 'content-type': 'text/plain' } };
    switch (p.get('action')) {
      case 'GetSupportDepartments':
        return json(200, { result: 'success', totalresults: departments.length, departments: { department: departments.map((d) => ({ ...d, awaitingreply: '0', opentickets: '0' })) } });
      case 'OpenTicket':
        return openTicket(p);
      case 'GetTickets': {
        const subject = (p.get('subject') ?? '').toLowerCase();
        const found = tickets.filter(
          (t) =>
            (!subject || t.subject.toLowerCase().includes(subject)) &&
            (!p.get('clientid') || t.userid === p.get('clientid')) &&
            (!p.get('email') || (t.userid === '0' && t.email === p.get('email'))),
        );
        const list = found.slice(0, Number(p.get('limitnum') ?? 25)).map((t) => ({ id: String(t.id), tid: t.tid, deptid: t.deptid, userid: t.userid, name: t.name, email: t.email, c: t.c, subject: t.subject, status: 'Open', priority: t.priority }));
        return json(200, { result: 'success', totalresults: String(found.length), startnumber: 0, numreturned: list.length, tickets: list.length ? { ticket: list } : [] });
      }
      default:
        return error('Command Not Found');
    }
  };

  const openTicket = (p: URLSearchParams): Reply => {
    const deptid = p.get('deptid') ?? '';
    if (!departments.some((d) => d.id === deptid)) return error('Department ID not found');
    const subject = p.get('subject') ?? '';
    if (!subject) return error('Subject is required');
    const message = p.get('message') ?? '';
    if (!message) return error('Message is required');
    const clientid = p.get('clientid');
    if (clientid && !clients.has(clientid)) return error('Client ID Not Found');
    const name = p.get('name') ?? '';
    const email = p.get('email') ?? '';
    if (!clientid && (!name || !email)) return error('Name and email address are required if not a client');
    if (!clientid && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return error('Email Address Invalid');
    const priority = p.get('priority') ?? 'Medium';
    if (!['Low', 'Medium', 'High'].includes(priority)) return error('Invalid Priority');
    let attachments: { name: string; data: string }[] = [];
    const raw = p.get('attachments');
    if (raw) {
      try {
        attachments = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { name: string; data: string }[];
      } catch {
        return error('Invalid attachments');
      }
    }
    const ticket: WhmcsTicket = {
      id: tickets.length + 1,
      tid: String(nextTid++),
      c: `c${tickets.length + 1}AbCdEf`,
      deptid,
      userid: clientid ?? '0',
      name,
      email,
      subject,
      message,
      markdown: p.get('markdown') === '1' || p.get('markdown') === 'true',
      priority,
      attachments,
    };
    tickets.push(ticket);
    return json(200, { result: 'success', id: String(ticket.id), tid: ticket.tid, c: ticket.c });
  };

  const http = await startFakeHttp(handle);
  return Object.assign(http, { tickets, identifier, secret });
}
