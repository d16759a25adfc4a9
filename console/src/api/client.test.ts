import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client.js';
import { consoleApi } from './endpoints.js';
import { consoleUrl } from './route-url.js';
import { ApiError } from './errors.js';

const session = {
  operator: { id: 'op_1', email: 'ana@introserv.com', name: 'Ana', role: 'operator', capacity: null, disabled: false, departments: [], languages: [], autoAssign: true },
  csrfToken: 'csrf-abc',
  status: 'online',
};

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function mockFetch(...responses: Response[]) {
  const fn = vi.fn<typeof fetch>();
  for (const r of responses) fn.mockResolvedValueOnce(r);
  return fn;
}

function headersOf(call: Parameters<typeof fetch> | undefined): Record<string, string> {
  return (call?.[1]?.headers ?? {}) as Record<string, string>;
}

describe('ApiClient', () => {
  it('sends the CSRF token on unsafe methods only, with same-origin credentials', async () => {
    const fetch = mockFetch(json(200, session), json(200, session), json(204, undefined));
    const client = new ApiClient({ fetch });
    client.csrfToken = 'tok-1';

    await client.call('auth.me');
    await client.call('auth.login', { body: { email: 'a@b.c', password: 'x' } });
    await client.call('canned.delete', { params: { id: 'c1' } });

    const [get, post, del] = fetch.mock.calls;
    expect(get?.[1]?.method).toBe('GET');
    expect(headersOf(get)['x-csrf-token']).toBeUndefined();
    expect(headersOf(post)['x-csrf-token']).toBe('tok-1');
    expect(headersOf(post)['content-type']).toBe('application/json');
    expect(post?.[1]?.body).toBe(JSON.stringify({ email: 'a@b.c', password: 'x' }));
    expect(headersOf(del)['x-csrf-token']).toBe('tok-1');
    for (const call of fetch.mock.calls) expect(call[1]?.credentials).toBe('same-origin');
  });

  it('parses a 2xx body with the route’s schema', async () => {
    const client = new ApiClient({ fetch: mockFetch(json(200, session)) });
    await expect(client.call('auth.me')).resolves.toEqual(session);
  });

  it('takes the method, the path and the query from the route, each parameter encoded', async () => {
    const fetch = mockFetch(json(200, { escalations: [] }), json(200, { response: { id: 'c1', shortcut: 'hi', language: 'en', title: 'Hi', text: 'Hello' } }), json(200, { escalations: [] }));
    const client = new ApiClient({ fetch });
    await client.call('escalations.list', { query: { attention: 'true' } });
    await client.call('canned.update', { params: { id: 'c/1' }, body: { shortcut: 'hi', language: 'en', title: 'Hi', text: 'Hello' } });
    await client.call('escalations.list');
    expect(fetch.mock.calls.map((c) => `${c[1]?.method} ${c[0] as string}`)).toEqual(['GET /api/escalations?attention=true', 'PUT /api/canned/c%2F1', 'GET /api/escalations']);
    expect(fetch.mock.calls[1]?.[1]?.body).toBe(JSON.stringify({ shortcut: 'hi', language: 'en', title: 'Hi', text: 'Hello' }));
  });

  it('builds the URLs the browser fetches itself (links, uploads) from the same registry', () => {
    expect(consoleUrl('tickets.file', { params: { number: '123456', name: 'transcript.txt' } })).toBe('/api/tickets/123456/files/transcript.txt');
    expect(consoleUrl('history.transcript', { params: { id: 'c1' }, query: { format: 'html', lang: 'de' } })).toBe('/api/history/c1/transcript?format=html&lang=de');
    expect(consoleUrl('attachments.upload', { params: { id: 'c1' } })).toBe('/api/conversations/c1/attachments');
  });

  it('turns an { error } body into a typed ApiError', async () => {
    const client = new ApiClient({
      fetch: mockFetch(json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'bad password' } })),
    });
    const err = await client.call('auth.login', { body: { email: 'a@b.c', password: 'x' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: 'bad password' });
  });

  it('keeps field issues of INVALID_PAYLOAD and maps an unknown code to INTERNAL', async () => {
    const client = new ApiClient({
      fetch: mockFetch(
        json(400, { error: { code: 'INVALID_PAYLOAD', message: 'bad', issues: [{ path: 'email', message: 'invalid email' }] } }),
        json(500, { error: { code: 'SOMETHING_NEW', message: 'later server' } }),
      ),
    });
    await expect(client.call('auth.login', { body: { email: 'a@b.c', password: 'x' } })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'email', message: 'invalid email' }],
    });
    await expect(client.call('auth.me')).rejects.toMatchObject({ status: 500, code: 'INTERNAL', message: 'later server' });
  });

  it('reports a malformed success body, an HTML error page and a network failure distinctly', async () => {
    const fetch = mockFetch(json(200, { operator: null }), new Response('<h1>502</h1>', { status: 502 }));
    fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const client = new ApiClient({ fetch });
    await expect(client.call('auth.me')).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    await expect(client.call('auth.me')).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 502 });
    await expect(client.call('auth.me')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });
});

describe('consoleApi', () => {
  it('stores the CSRF token from login and uses it for logout, then forgets it', async () => {
    const fetch = mockFetch(json(200, session), json(204, undefined));
    const client = new ApiClient({ fetch });
    const api = consoleApi(client);

    await api.login({ email: 'ana@introserv.com', password: 'secret' });
    expect(client.csrfToken).toBe('csrf-abc');
    await api.logout();

    const logout = fetch.mock.calls[1];
    expect(logout?.[0]).toBe('/api/auth/logout');
    expect(headersOf(logout)['x-csrf-token']).toBe('csrf-abc');
    expect(client.csrfToken).toBeNull();
  });

  it('me() is null on 401 and throws on other failures', async () => {
    const api = consoleApi(
      new ApiClient({
        fetch: mockFetch(
          json(401, { error: { code: 'UNAUTHENTICATED', message: 'no session' } }),
          json(503, { error: { code: 'STORE_UNAVAILABLE', message: 'down' } }),
        ),
      }),
    );
    await expect(api.me()).resolves.toBeNull();
    await expect(api.me()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
