import type { ConsoleRoutes, SiteSettings } from '@introserv/shared';
import type { AttachmentService } from '../../attachments/attachment.service.js';
import type { CannedService } from '../../canned/canned.service.js';
import type { ChatService } from '../../chat/chat.service.js';
import type { Config } from '../../config.js';
import type { ConversationStore } from '../../conversations/conversation.store.js';
import type { DepartmentService } from '../../departments/department.service.js';
import type { HistoryService } from '../../history/history.service.js';
import type { Logger } from '../../logger.js';
import type { SettingsCache } from '../../settings/settings-cache.js';
import type { SettingsStore } from '../../settings/settings.store.js';
import type { StatsService } from '../../stats/stats.service.js';
import type { TeamService } from '../../team/team.service.js';
import type { EscalationService } from '../../tickets/escalation.service.js';
import type { TicketStore } from '../../tickets/ticket.store.js';
import type { RouteHandlers } from '../route-handler.js';
import { authHandlers, type AuthDeps } from './auth.handlers.js';
import { cannedHandlers } from './canned.handlers.js';
import { conversationHandlers } from './conversations.handlers.js';
import { departmentHandlers } from './departments.handlers.js';
import { escalationHandlers } from './escalations.handlers.js';
import { operatorFileHandlers } from './files.handlers.js';
import { historyHandlers } from './history.handlers.js';
import { settingsHandlers } from './settings.handlers.js';
import { statsHandlers } from './stats.handlers.js';
import { teamHandlers } from './team.handlers.js';
import { ticketHandlers } from './tickets.handlers.js';
import { visitorHandlers } from './visitors.handlers.js';
import { workspaceHandlers } from './workspace.handlers.js';

export interface ConsoleHandlerDeps {
  auth: AuthDeps;
  chat: Pick<ChatService, 'list' | 'messages' | 'transcriptSource' | 'visitorPanel'>;
  attachments: Pick<AttachmentService, 'upload' | 'open' | 'maxBytes'>;
  conversations: Pick<ConversationStore, 'get'>;
  escalations: EscalationService;
  tickets: { store: TicketStore; provider: string };
  team: TeamService;
  departments: DepartmentService;
  canned: CannedService;
  history: Pick<HistoryService, 'search'>;
  stats: Pick<StatsService, 'dashboard'>;
  settings: { store: SettingsStore; cache: Pick<SettingsCache, 'set'>; defaults: SiteSettings };
  config: Pick<Config, 'allowedOrigins' | 'publicUrl' | 'smtp' | 'waitAlertSeconds' | 'operatorCapacity'>;
  log: Logger;
}

/** A handler for every route of `consoleRoutes` (shared/src/http/console-routes.ts). */
export function consoleHandlers(deps: ConsoleHandlerDeps): RouteHandlers<ConsoleRoutes> {
  return {
    ...authHandlers(deps.auth),
    ...conversationHandlers(deps.chat),
    ...operatorFileHandlers(deps),
    ...escalationHandlers(deps.escalations),
    ...ticketHandlers(deps.tickets.store, deps.tickets.provider),
    ...teamHandlers(deps.team),
    ...workspaceHandlers({ team: deps.team, departments: deps.departments, waitAlertSeconds: deps.config.waitAlertSeconds, defaultCapacity: deps.config.operatorCapacity }),
    ...departmentHandlers(deps.departments),
    ...cannedHandlers(deps.canned),
    ...historyHandlers({ history: deps.history, chat: deps.chat, departments: deps.departments }),
    ...visitorHandlers(deps.chat),
    ...statsHandlers(deps.stats),
    ...settingsHandlers({ ...deps.settings, config: deps.config, log: deps.log.child({ mod: 'settings' }) }),
  };
}
