import { AttachmentId, UploadResult } from '../schemas/attachment.js';
import { CannedInput, CannedList, CannedResult } from '../schemas/canned.js';
import { Department, DepartmentId } from '../schemas/department.js';
import {
  EscalationInput,
  EscalationList,
  EscalationListQuery,
  EscalationProposal,
  EscalationResult,
  LocalTicketList,
  LocalTicketResult,
  TicketDigits,
  TicketFileName,
} from '../schemas/escalation.js';
import { HistoryPage, HistoryQuery, HistoryTranscriptQuery } from '../schemas/history.js';
import { ConversationList, ConversationListQuery, LoginBody, MessageList, MessageListQuery, SessionInfo } from '../schemas/http.js';
import { EntityId } from '../schemas/ids.js';
import { AdminSettings, NoticeInput, SiteSettings } from '../schemas/site-settings.js';
import { Dashboard, StatsQuery } from '../schemas/stats.js';
import { ColleagueList, ConsoleConfig, DepartmentCreate, DepartmentList, DepartmentRename, OperatorCreate, OperatorList, OperatorResult, OperatorUpdate, ProfileUpdate } from '../schemas/team.js';
import { VisitorPanel } from '../schemas/visitor-panel.js';
import { defineRoutes } from './route.js';

const byId = { id: EntityId };

/**
 * The console's HTTP routes (`/api`): same-origin only, JSON only (but uploads), never cached.
 * Operators sign in with the session cookie and echo the CSRF token on unsafe methods; live
 * chat commands go over the `/operator` socket instead (events.ts).
 */
export const consoleRoutes = defineRoutes({
  'auth.login': { method: 'POST', path: '/api/auth/login', access: 'public', rate: 'login', body: LoginBody, result: SessionInfo },
  'auth.me': { method: 'GET', path: '/api/auth/me', access: 'operator', rate: 'none', result: SessionInfo },
  /** Ends the session; its sockets close on every process. */
  'auth.logout': { method: 'POST', path: '/api/auth/logout', access: 'operator', rate: 'none', result: 'empty' },

  /** The list (newest first, 200 at most) and a conversation's messages; writes go over the socket. */
  'conversations.list': { method: 'GET', path: '/api/conversations', access: 'operator', rate: 'none', query: ConversationListQuery, result: ConversationList },
  'conversations.messages': { method: 'GET', path: '/api/conversations/:id/messages', access: 'operator', rate: 'none', params: byId, query: MessageListQuery, result: MessageList },
  /** An operator's file for a conversation (raw bytes, `X-File-Name`). */
  'attachments.upload': { method: 'POST', path: '/api/conversations/:id/attachments', access: 'operator', rate: 'upload', params: byId, body: 'raw', result: UploadResult, status: 201 },
  'attachments.get': { method: 'GET', path: '/api/attachments/:id', access: 'operator', rate: 'none', params: { id: AttachmentId }, result: 'file' },

  /** The escalation form, pre-filled from the visitor's messages. */
  'escalations.proposal': { method: 'GET', path: '/api/conversations/:id/escalations/proposal', access: 'operator', rate: 'none', params: byId, result: EscalationProposal },
  'escalations.ofConversation': { method: 'GET', path: '/api/conversations/:id/escalations', access: 'operator', rate: 'none', params: byId, result: EscalationList },
  /** Written to the outbox (`200` with the stored one for an idempotency key seen before). */
  'escalations.create': { method: 'POST', path: '/api/conversations/:id/escalations', access: 'operator', rate: 'none', params: byId, body: EscalationInput, result: EscalationResult, status: 201 },
  /** The latest 100, or with `attention=true` the failed and unconfirmed ones (the console's alert). */
  'escalations.list': { method: 'GET', path: '/api/escalations', access: 'operator', rate: 'none', query: EscalationListQuery, result: EscalationList },
  'escalations.retry': { method: 'POST', path: '/api/escalations/:id/retry', access: 'operator', rate: 'none', params: byId, result: EscalationResult },
  /** The built-in help desk's tickets. */
  'tickets.list': { method: 'GET', path: '/api/tickets', access: 'operator', rate: 'none', result: LocalTicketList },
  'tickets.get': { method: 'GET', path: '/api/tickets/:number', access: 'operator', rate: 'none', params: { number: TicketDigits }, result: LocalTicketResult },
  /** A transcript kept with the ticket, as a download (never rendered on our origin). */
  'tickets.file': { method: 'GET', path: '/api/tickets/:number/files/:name', access: 'operator', rate: 'none', params: { number: TicketDigits, name: TicketFileName }, result: 'file' },

  'operators.list': { method: 'GET', path: '/api/operators', access: 'admin', rate: 'none', result: OperatorList },
  'operators.create': { method: 'POST', path: '/api/operators', access: 'admin', rate: 'none', body: OperatorCreate, result: OperatorResult, status: 201 },
  'operators.update': { method: 'PATCH', path: '/api/operators/:id', access: 'admin', rate: 'none', params: byId, body: OperatorUpdate, result: OperatorResult },
  /** One's own name and password. */
  'profile.update': { method: 'PATCH', path: '/api/profile', access: 'operator', rate: 'none', body: ProfileUpdate, result: OperatorResult },
  /** Whom a chat can be transferred to. */
  'colleagues.list': { method: 'GET', path: '/api/colleagues', access: 'operator', rate: 'none', result: ColleagueList },
  'consoleConfig.get': { method: 'GET', path: '/api/console-config', access: 'operator', rate: 'none', result: ConsoleConfig },
  'departments.list': { method: 'GET', path: '/api/departments', access: 'operator', rate: 'none', result: DepartmentList },
  'departments.create': { method: 'POST', path: '/api/departments', access: 'admin', rate: 'none', body: DepartmentCreate, result: Department, status: 201 },
  'departments.rename': { method: 'PUT', path: '/api/departments/:id', access: 'admin', rate: 'none', params: { id: DepartmentId }, body: DepartmentRename, result: Department },

  'canned.list': { method: 'GET', path: '/api/canned', access: 'operator', rate: 'none', result: CannedList },
  'canned.create': { method: 'POST', path: '/api/canned', access: 'admin', rate: 'none', body: CannedInput, result: CannedResult, status: 201 },
  'canned.update': { method: 'PUT', path: '/api/canned/:id', access: 'admin', rate: 'none', params: byId, body: CannedInput, result: CannedResult },
  'canned.delete': { method: 'DELETE', path: '/api/canned/:id', access: 'admin', rate: 'none', params: byId, result: 'empty' },

  /** Closed conversations, searched by words and dates. */
  'history.search': { method: 'GET', path: '/api/history', access: 'operator', rate: 'none', query: HistoryQuery, result: HistoryPage },
  /** Any conversation's transcript (no internal notes), as a page of its own or text. */
  'history.transcript': { method: 'GET', path: '/api/history/:id/transcript', access: 'operator', rate: 'none', params: byId, query: HistoryTranscriptQuery, result: 'file' },
  'visitors.panel': { method: 'GET', path: '/api/visitors/:id', access: 'operator', rate: 'none', params: byId, result: VisitorPanel },
  'stats.dashboard': { method: 'GET', path: '/api/stats', access: 'admin', rate: 'none', query: StatsQuery, result: Dashboard },

  /** The widget's settings and the status notice; each answer is everything the page shows. */
  'settings.get': { method: 'GET', path: '/api/settings', access: 'admin', rate: 'none', result: AdminSettings },
  'settings.save': { method: 'PUT', path: '/api/settings', access: 'admin', rate: 'none', body: SiteSettings, result: AdminSettings },
  'settings.postNotice': { method: 'PUT', path: '/api/settings/notice', access: 'admin', rate: 'none', body: NoticeInput, result: AdminSettings },
  'settings.endNotice': { method: 'DELETE', path: '/api/settings/notice', access: 'admin', rate: 'none', result: AdminSettings },
});

export type ConsoleRoutes = typeof consoleRoutes;
