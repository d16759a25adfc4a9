import { unisolate } from '@introserv/shared/client';
import type { EscalationInput } from '@introserv/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n, setLanguage } from '../i18n/i18n.js';
import { escalation, proposal, routedClient, type Route } from '../testing/escalation-fixtures.js';
import { FakeSocket } from '../testing/fakeSocket.js';
import { conversation } from '../testing/fixtures.js';
import { escalationApi } from './escalation-api.js';
import { EscalationDesk } from './escalation-desk.js';
import { EscalationDialog } from './EscalationDialog.js';
import { inCet } from './use-escalation-form.js';

let root: HTMLElement;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await setLanguage('en', null);
});

const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });
const el = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const found = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const type = (id: string, value: string) =>
  act(() => {
    const input = el<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });

async function open(routes: Route[], keys = ['key-00000001', 'key-00000002']) {
  const { client, sent } = routedClient(routes);
  const desk = new EscalationDesk(escalationApi(client), new FakeSocket().asSocket());
  const onClose = vi.fn();
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<EscalationDialog desk={desk} conversation={conversation({ id: 'c1', status: 'assigned' })} onClose={onClose} newKey={() => keys.shift() ?? 'key-fallback'} />, root));
  await settle();
  return { sent, desk, onClose };
}

const posts = (sent: { method: string; body: unknown }[]) => sent.filter((s) => s.method === 'POST').map((s) => s.body as EscalationInput);

describe('the Escalate to ticket form', () => {
  it('comes pre-filled from the chat, with High suggested by the visitor’s words and the time shown in CET', async () => {
    await open([{ method: 'GET', path: '/api/conversations/c1/escalations/proposal', reply: () => ({ status: 200, body: proposal() }) }]);
    expect(el<HTMLSelectElement>('escalation-department').value).toBe('technical');
    expect(el<HTMLInputElement>('escalation-priority-high').checked).toBe(true);
    expect(unisolate(el('escalation-high-because').textContent)).toBe('High suggested: the visitor wrote “is down”');
    expect(el<HTMLInputElement>('escalation-server').value).toBe('203.0.113.7');
    expect(el<HTMLInputElement>('escalation-service').value).toBe('VPS SSD-2');
    expect([el<HTMLInputElement>('escalation-date').value, el<HTMLInputElement>('escalation-time').value, el<HTMLInputElement>('escalation-zone').value]).toEqual(['2026-12-02', '08:15', 'Europe/Zagreb']);
    expect(unisolate(el('escalation-cet').textContent)).toBe('That is 08:15 CET.');
    await type('escalation-zone', 'Pacific/Auckland');
    expect(unisolate(el('escalation-cet').textContent)).toBe('That is 2026-12-01 20:15 CET.');
    // A guest chat without a name or e-mail asks for them.
    expect(el('escalation-requester').dataset.kind).toBe('guest');
    expect(el('escalation-name')).toBeTruthy();
  });

  it('sends once per click, under one key, and closes with the escalation in the desk', async () => {
    const routes: Route[] = [
      { method: 'GET', path: '/api/conversations/c1/escalations/proposal', reply: () => ({ status: 200, body: proposal() }) },
      { method: 'POST', path: '/api/conversations/c1/escalations', reply: () => ({ status: 201, body: { escalation: escalation({ id: 'e_1' }) } }) },
    ];
    const { sent, desk, onClose } = await open(routes);
    await type('escalation-name', 'Ivo Ivić');
    await type('escalation-email', 'ivo@example.com');
    await type('escalation-diagnostics', 'ping: 100% loss');
    await act(() => {
      el('escalation-submit').click();
      el('escalation-submit').click();
    });
    await settle();
    const bodies = posts(sent);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toEqual({
      idempotencyKey: 'key-00000001',
      known: 0,
      department: 'technical',
      priority: 'high',
      subject: 'My VPS 203.0.113.7 is down since 08:15',
      incident: { serverOrOrder: '203.0.113.7', serviceName: 'VPS SSD-2', startedAt: { date: '2026-12-02', time: '08:15', timeZone: 'Europe/Zagreb' }, diagnostics: 'ping: 100% loss' },
      attachmentIds: [],
      contact: { name: 'Ivo Ivić', email: 'ivo@example.com' },
    });
    expect(onClose).toHaveBeenCalledOnce();
    expect(desk.state.value.attention).toEqual([]);
  });

  it('keeps its key for a resend after a failure, shows field errors, and shows a second tab’s escalation instead of making another', async () => {
    let posted = 0;
    const routes: Route[] = [
      { method: 'GET', path: '/api/conversations/c1/escalations/proposal', reply: () => ({ status: 200, body: proposal({ requester: { kind: 'guest', name: 'Ivo', email: 'ivo@example.com', userId: null } }) }) },
      {
        method: 'POST',
        path: '/api/conversations/c1/escalations',
        reply: () => {
          posted += 1;
          if (posted === 1) return { status: 503, body: { error: { code: 'STORE_UNAVAILABLE', message: 'down' } } };
          if (posted === 2) return { status: 400, body: { error: { code: 'INVALID_PAYLOAD', message: 'invalid', issues: [{ path: 'subject', message: 'subject is empty' }] } } };
          if (posted === 3) return { status: 409, body: { error: { code: 'ESCALATION_EXISTS', message: 'exists' } } };
          return { status: 201, body: { escalation: escalation({ id: 'e_2' }) } };
        },
      },
      { method: 'GET', path: '/api/conversations/c1/escalations', reply: () => ({ status: 200, body: { escalations: [escalation({ id: 'e_tab', state: 'created', ticket: { number: '#654321', url: null } })] } }) },
    ];
    const { sent, onClose } = await open(routes);
    expect(root.querySelector('[data-testid="escalation-name"]')).toBeNull();
    const submit = async () => {
      await act(() => el('escalation-submit').click());
      await settle();
    };
    await submit();
    expect(el('escalation-error').dataset.code).toBe('STORE_UNAVAILABLE');
    await submit();
    expect(root.querySelector('.field-error')?.textContent).toBe('subject is empty');
    await submit();
    expect(unisolate(el('escalation-exists').textContent)).toContain('Support ticket #654321 created');
    expect(el<HTMLButtonElement>('escalation-submit').disabled).toBe(true);
    await act(() => el('escalation-another').click());
    await submit();
    expect(posts(sent).map((b) => [b.idempotencyKey, b.known])).toEqual([
      ['key-00000001', 0],
      ['key-00000001', 0],
      ['key-00000001', 0],
      ['key-00000002', 1],
    ]);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('names the CET/CEST time in the operator’s words, and says so when the time is unknown', async () => {
    expect(inCet('2026-07-02', '08:15', 'Europe/Zagreb')).toEqual({ date: '2026-07-02', time: '08:15', zone: 'CEST' });
    expect(inCet('2026-07-02', '', 'Europe/Zagreb')).toBeNull();
    await setLanguage('de', null);
    await open([{ method: 'GET', path: '/api/conversations/c1/escalations/proposal', reply: () => ({ status: 200, body: proposal({ incident: { ...proposal().incident, startedAt: { date: '2026-07-02', time: '08:15', timeZone: 'Europe/London' } } }) }) }]);
    expect(unisolate(el('escalation-cet').textContent)).toBe('Das ist 09:15 MESZ.');
    await type('escalation-time', '');
    expect(unisolate(el('escalation-cet').textContent)).toBe('Zeitzone des Besuchers: Europe/Zagreb');
  });
});
