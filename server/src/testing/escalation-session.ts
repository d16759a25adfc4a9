import { randomUUID } from 'node:crypto';
import type { ConversationAssigned, Escalation, EscalationInput } from '@introserv/shared';
import { connected, helloPayload, nextEvent, type OperatorSocket, type TestApp, type TestOperator, type VisitorSocket } from './test-app.js';

/** A visitor who wrote, an operator who has the chat: what an escalation starts from. */
export interface ChatUnderway {
  op: TestOperator;
  opSocket: OperatorSocket;
  visitor: VisitorSocket;
  visitorToken: string;
  conversationId: string;
}

export async function chatUnderway(
  t: TestApp,
  opts: { texts?: string[]; language?: string; profile?: { name?: string; email?: string }; identity?: Record<string, string>; timeZone?: string } = {},
): Promise<ChatUnderway> {
  const op = await t.operator({ name: 'Ana' });
  const opSocket = op.socket();
  await connected(opSocket);
  await op.online();
  const visitor = t.visitor();
  const hello = await visitor.emitWithAck(
    'hello',
    helloPayload({ language: opts.language ?? 'en', timeZone: opts.timeZone ?? 'Europe/Zagreb', ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.identity ? { identity: opts.identity } : {}) }),
  );
  if (!hello.ok) throw new Error(`hello refused: ${hello.error.code}`);
  const assigned = nextEvent<ConversationAssigned>(opSocket, 'conversation:assigned');
  for (const text of opts.texts ?? ['My VPS 203.0.113.7 is down since 08:15']) {
    const sent = await visitor.emitWithAck('message:send', { id: `v-${randomUUID()}`, text });
    if (!sent.ok) throw new Error(`send refused: ${sent.error.code}`);
  }
  const { conversationId } = await assigned;
  // Watching joins the room for sure (routing's join travels through the adapter).
  await opSocket.emitWithAck('conversation:watch', { conversationId });
  return { op, opSocket, visitor, visitorToken: hello.visitorToken, conversationId };
}

export function escalationInput(over: Partial<EscalationInput> = {}): EscalationInput {
  return {
    idempotencyKey: `form-${randomUUID()}`,
    known: 0,
    department: 'technical',
    priority: 'high',
    subject: 'VPS unreachable',
    incident: { serverOrOrder: '203.0.113.7', serviceName: 'VPS SSD-2', startedAt: { date: '2026-12-02', time: '08:15', timeZone: 'Europe/Zagreb' }, diagnostics: 'ping: 100% packet loss' },
    attachmentIds: [],
    contact: { name: 'Ivo Ivić', email: 'ivo@example.com' },
    ...over,
  };
}

/** The operator's API, with their cookie and CSRF token. */
export function operatorApi(url: string, op: Pick<TestOperator, 'cookie' | 'csrfToken'>) {
  const headers = { cookie: op.cookie, 'x-csrf-token': op.csrfToken, 'content-type': 'application/json' };
  return {
    escalate: (conversationId: string, body: unknown) => fetch(`${url}/api/conversations/${conversationId}/escalations`, { method: 'POST', headers, body: JSON.stringify(body) }),
    list: async (conversationId: string): Promise<Escalation[]> =>
      ((await (await fetch(`${url}/api/conversations/${conversationId}/escalations`, { headers })).json()) as { escalations: Escalation[] }).escalations,
    proposal: (conversationId: string) => fetch(`${url}/api/conversations/${conversationId}/escalations/proposal`, { headers }),
    retry: (id: string) => fetch(`${url}/api/escalations/${id}/retry`, { method: 'POST', headers }),
    attention: async (): Promise<Escalation[]> => ((await (await fetch(`${url}/api/escalations?attention=true`, { headers })).json()) as { escalations: Escalation[] }).escalations,
    get: (path: string) => fetch(`${url}${path}`, { headers }),
  };
}

/** Polls until `read` returns something `done` accepts (an outbox result arrives asynchronously). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
