import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWhmcs, type FakeWhmcs } from '../testing/helpdesks/fake-whmcs.js';
import { outgoingTicket } from '../testing/outgoing-ticket.js';
import { TicketError } from './ticket-provider.js';
import { WhmcsProvider, type WhmcsSettings } from './whmcs.provider.js';

describe('WHMCS provider, against a server that speaks the documented API', () => {
  let whmcs: FakeWhmcs;
  const settings = (over: Partial<WhmcsSettings> = {}): WhmcsSettings => ({
    url: `${whmcs.url}/`,
    identifier: whmcs.identifier,
    secret: whmcs.secret,
    accessKey: undefined,
    departments: { technical: 'Technical issues', financial: 'Financial issues' },
    timeoutMs: 2_000,
    ...over,
  });
  beforeAll(async () => {
    whmcs = await startFakeWhmcs();
  });
  afterAll(() => whmcs.close());
  beforeEach(() => {
    whmcs.requests.length = 0;
    whmcs.tickets.length = 0;
    whmcs.faults.length = 0;
  });

  const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as TicketError);

  it('opens a guest ticket: department by name, High priority, Markdown, attachments as base64 JSON', async () => {
    const created = await new WhmcsProvider(settings()).create(outgoingTicket());
    const { tid, c } = whmcs.tickets[0]!;
    expect(created).toEqual({ number: `#${tid}`, url: `${whmcs.url}/viewticket.php?tid=${tid}&c=${c}`, requester: 'guest' });
    const actions = whmcs.requests.map((r) => new URLSearchParams(r.body).get('action'));
    expect(actions).toEqual(['GetSupportDepartments', 'OpenTicket']);
    const open = new URLSearchParams(whmcs.requests[1]!.body);
    expect(Object.fromEntries(open)).toMatchObject({ responsetype: 'json', deptid: '1', priority: 'High', markdown: '1', name: 'Ivo Ivić', email: 'ivo@example.com', subject: 'VPS unreachable [LC7F3K9Q2MXA]' });
    const [ticket] = whmcs.tickets;
    expect(ticket?.message).toContain('203\\.0\\.113\\.7');
    expect(ticket?.attachments.map((a) => [a.name, Buffer.from(a.data, 'base64').toString().slice(0, 15)])).toEqual([
      ['transcript.txt', '2026-12-02 09:0'],
      ['transcript.html', '<!doctype html>'],
    ]);
  });

  it('files a verified visitor under their client id, Regular as Medium, and asks for the departments once', async () => {
    const provider = new WhmcsProvider(settings());
    const client = outgoingTicket({ priority: 'regular', department: 'financial', requester: { kind: 'client', userId: '42', name: 'Ana', email: 'ana@example.com' } });
    expect(await provider.create(client)).toMatchObject({ requester: 'client' });
    await provider.create(client);
    expect(whmcs.tickets.map((t) => [t.userid, t.deptid, t.priority, t.name])).toEqual([
      ['42', '2', 'Medium', ''],
      ['42', '2', 'Medium', ''],
    ]);
    expect(whmcs.requests.filter((r) => r.body.includes('GetSupportDepartments'))).toHaveLength(1);
    // A user id that is not a WHMCS client id: a guest ticket by name and e-mail.
    expect(await provider.create(outgoingTicket({ requester: { kind: 'client', userId: 'user-abc', name: 'Bo', email: 'bo@example.com' } }))).toMatchObject({ requester: 'guest' });
  });

  it('finds a ticket by the marker in its subject, among the requester’s tickets only', async () => {
    const provider = new WhmcsProvider(settings());
    expect(await provider.find(outgoingTicket())).toBeNull();
    await provider.create(outgoingTicket());
    await provider.create(outgoingTicket({ marker: 'LCOTHER00000', subject: 'Other [LCOTHER00000]' }));
    const tid = whmcs.tickets[0]?.tid ?? '';
    expect(await provider.find(outgoingTicket())).toEqual({ number: `#${tid}`, url: expect.stringContaining(`tid=${tid}`), requester: 'guest' });
    expect(await provider.find(outgoingTicket({ requester: { kind: 'guest', name: 'X', email: 'someone-else@example.com' } }))).toBeNull();
  });

  it('refuses for good what WHMCS refuses, and tells settings errors apart', async () => {
    const invalid = await caught(new WhmcsProvider(settings()).create(outgoingTicket({ requester: { kind: 'guest', name: 'X', email: 'not-an-address' } })));
    expect(invalid).toMatchObject({ kind: 'rejected', message: 'WHMCS OpenTicket: Email Address Invalid' });
    const unknownClient = await caught(new WhmcsProvider(settings()).create(outgoingTicket({ requester: { kind: 'client', userId: '77', name: null, email: null } })));
    expect(unknownClient).toMatchObject({ kind: 'rejected', message: 'WHMCS OpenTicket: Client ID Not Found' });
    expect(await caught(new WhmcsProvider(settings({ secret: 'wrong' })).create(outgoingTicket()))).toMatchObject({ kind: 'misconfigured' });
    expect(await caught(new WhmcsProvider(settings({ departments: { technical: 'Hosting', financial: 'Billing' } })).create(outgoingTicket()))).toMatchObject({
      kind: 'misconfigured',
      message: 'WHMCS has no support department named "Hosting" (WHMCS_DEPARTMENTS)',
    });
    expect(whmcs.tickets).toEqual([]);
  });

  it('calls 5xx, 429 and a refused connection retryable, and a timeout unclear', async () => {
    const provider = new WhmcsProvider(settings({ timeoutMs: 300 }));
    // A timeout while reading the departments cannot have made a ticket.
    whmcs.faults.push({ kind: 'slow', ms: 1_000 });
    expect(await caught(provider.create(outgoingTicket()))).toMatchObject({ kind: 'retryable' });
    expect(whmcs.tickets).toHaveLength(0);
    // Departments known from here on: the faults below meet OpenTicket.
    await provider.create(outgoingTicket());
    whmcs.tickets.length = 0;
    whmcs.faults.push({ kind: 'status', status: 503, body: '<html>maintenance</html>' });
    expect(await caught(provider.create(outgoingTicket()))).toMatchObject({ kind: 'retryable' });
    whmcs.faults.push({ kind: 'status', status: 429, body: '{"result":"error","message":"slow down"}', headers: { 'retry-after': '7' } });
    expect(await caught(provider.create(outgoingTicket()))).toMatchObject({ kind: 'retryable', retryAfterMs: 7_000 });
    whmcs.faults.push({ kind: 'slow', ms: 1_000 });
    expect(await caught(provider.create(outgoingTicket()))).toMatchObject({ kind: 'unclear' });
    // The slow answer's ticket exists: the lookup finds it.
    expect(whmcs.tickets).toHaveLength(1);
    expect(await provider.find(outgoingTicket())).toMatchObject({ number: `#${whmcs.tickets[0]?.tid ?? ''}` });
    await whmcs.down();
    try {
      expect(await caught(provider.create(outgoingTicket()))).toMatchObject({ kind: 'retryable' });
    } finally {
      await whmcs.up();
    }
  });
});
