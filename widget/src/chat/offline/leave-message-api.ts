import type { Language, LeaveMessageInput, LeaveMessageStatus, TicketDepartment } from '@introserv/shared/client';

/** What the leave-a-message parts need to know of the embedding. */
export interface OfflineContext {
  /** The chat server's origin. */
  server: string;
  siteId: string;
  language: Language;
  /** The visitor token the chat keeps (null before the first hello). */
  token: () => string | null;
}

let settings: Promise<number | null> | null = null;

/** `leaveMessageAfterSeconds` of the site's widget settings, asked once per page. */
export function leaveMessageAfter(ctx: OfflineContext): Promise<number | null> {
  settings ??= fetch(`${ctx.server}/widget/settings?site=${encodeURIComponent(ctx.siteId)}`)
    .then((r) => (r.ok ? (r.json() as Promise<{ leaveMessageAfterSeconds?: unknown }>) : null))
    .then((s) => (typeof s?.leaveMessageAfterSeconds === 'number' ? s.leaveMessageAfterSeconds : null))
    .catch(() => {
      settings = null;
      return null;
    });
  return settings;
}

export interface LeaveMessageForm {
  name: string;
  email: string;
  department: TicketDepartment;
  message: string;
}

/** A refusal the form can word: a server code, or NETWORK. */
export class LeaveMessageError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

async function call(ctx: OfflineContext, path: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<LeaveMessageStatus> {
  const token = ctx.token();
  if (!token) throw new LeaveMessageError('UNAUTHENTICATED');
  let res: Response;
  try {
    res = await fetch(`${ctx.server}${path}`, { ...init, headers: { ...init.headers, 'x-visitor-token': token }, credentials: 'omit' });
  } catch {
    throw new LeaveMessageError('NETWORK');
  }
  const body = (await res.json().catch(() => null)) as { message?: LeaveMessageStatus; error?: { code?: string } } | null;
  if (!res.ok || !body?.message) throw new LeaveMessageError(body?.error?.code ?? 'INTERNAL');
  return body.message;
}

/** Sends the form; `key` stays the same for every resend of one form, so it is filed once. */
export function sendLeaveMessage(ctx: OfflineContext, form: LeaveMessageForm, key: string): Promise<LeaveMessageStatus> {
  const input: LeaveMessageInput = {
    siteId: ctx.siteId,
    idempotencyKey: key,
    language: ctx.language,
    ...form,
    page: { url: location.href.slice(0, 2048), title: document.title.slice(0, 300) },
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
  return call(ctx, '/widget/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
}

export function leaveMessageStatus(ctx: OfflineContext, id: string): Promise<LeaveMessageStatus> {
  return call(ctx, `/widget/messages/${encodeURIComponent(id)}`, { method: 'GET' });
}
