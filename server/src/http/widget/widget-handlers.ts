import type { WidgetRoutes } from '@introserv/shared';
import type { AttachmentService } from '../../attachments/attachment.service.js';
import type { EscalationService } from '../../tickets/escalation.service.js';
import type { RouteHandlers } from '../route-handler.js';
import { widgetFileHandlers } from './files.handlers.js';
import { leaveMessageHandlers } from './leave-message.handlers.js';
import { widgetSettingsHandler, type WidgetSettingsDeps } from './settings.handler.js';
import { transcriptHandlers, type TranscriptDeps } from './transcript.handlers.js';

export interface WidgetHandlerDeps {
  settings: WidgetSettingsDeps;
  attachments: Pick<AttachmentService, 'upload' | 'open' | 'maxBytes'>;
  transcripts: TranscriptDeps;
  escalations: Pick<EscalationService, 'leaveMessage' | 'visitorStatus'>;
}

/** A handler for every route of `widgetRoutes` (shared/src/http/widget-routes.ts). */
export function widgetHandlers(deps: WidgetHandlerDeps): RouteHandlers<WidgetRoutes> {
  return {
    settings: widgetSettingsHandler(deps.settings),
    ...widgetFileHandlers(deps.attachments),
    ...transcriptHandlers(deps.transcripts),
    ...leaveMessageHandlers(deps.escalations),
  };
}
