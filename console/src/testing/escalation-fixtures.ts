import type { Escalation, EscalationProposal } from '@introserv/shared';
import { vi } from 'vitest';
import { ApiClient } from '../api/client.js';

export function escalation(over: Partial<Escalation> & { id: string }): Escalation {
  return {
    conversationId: 'c1',
    source: 'operator',
    state: 'pending',
    marker: 'LC0123456789',
    provider: 'local',
    department: 'technical',
    priority: 'high',
    subject: 'VPS unreachable',
    requester: 'guest',
    createdBy: { id: 'op_ana', name: 'Ana' },
    ticket: null,
    failure: null,
    attempts: 0,
    nextAttemptAt: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...over,
  };
}

export function proposal(over: Partial<EscalationProposal> = {}): EscalationProposal {
  return {
    department: 'technical',
    priority: 'high',
    subject: 'My VPS 203.0.113.7 is down since 08:15',
    incident: { serverOrOrder: '203.0.113.7', serviceName: 'VPS SSD-2', startedAt: { date: '2026-12-02', time: '08:15', timeZone: 'Europe/Zagreb' }, diagnostics: '' },
    highBecause: ['is down'],
    found: { addresses: ['203.0.113.7'], orders: ['#123456'], services: ['VPS SSD-2'], times: [] },
    attachments: [],
    requester: { kind: 'guest', name: null, email: null, userId: null },
    timeZone: 'Europe/Zagreb',
    escalations: [],
    provider: 'local',
    ...over,
  };
}

export interface Route {
  method: string;
  path: string;
  reply: (body: unknown) => { status: number; body?: unknown };
}

/** An ApiClient whose fetch answers from `routes` (method and path); records what was sent. */
export function routedClient(routes: Route[]) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    // The console's ApiClient always passes a string URL.
    const path = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    sent.push({ method, path, body });
    const route = routes.find((r) => r.method === method && r.path === path);
    const answer = route ? route.reply(body) : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route' } } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  const client = new ApiClient({ fetch });
  client.csrfToken = 'csrf';
  return { client, sent };
}
