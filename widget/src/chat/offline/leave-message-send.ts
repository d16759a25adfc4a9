import { pathTo, WIDGET_ENDPOINTS, type LeaveMessageInput, type LeaveMessageStatus, type TicketDepartment } from '@introserv/shared/client';
import type { OfflineContext } from './leave-message-api.js';

/* Sending and following a message: only the form's chunk needs these. */

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
    res = await fetch(`${ctx.server}${path}`, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` }, credentials: 'omit' });
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
  const { method, path } = WIDGET_ENDPOINTS.leaveMessage;
  return call(ctx, path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
}

export function leaveMessageStatus(ctx: OfflineContext, id: string): Promise<LeaveMessageStatus> {
  const { method, path } = WIDGET_ENDPOINTS.leaveMessageStatus;
  return call(ctx, pathTo(path, { id }), { method });
}
