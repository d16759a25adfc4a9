import { AttachmentId, UploadResult } from '../schemas/attachment.js';
import { Empty } from '../schemas/empty.js';
import { LeaveMessageInput, LeaveMessageResult } from '../schemas/escalation.js';
import { EntityId } from '../schemas/ids.js';
import { TranscriptEmail, VisitorTranscriptQuery } from '../schemas/transcript.js';
import { WidgetSettings, WidgetSettingsQuery } from '../schemas/widget-settings.js';
import { defineRoutes } from './route.js';
import { WIDGET_ENDPOINTS as at } from './widget-endpoints.js';

/**
 * The widget's HTTP routes, called cross-origin from the embedding page: CORS answers the
 * allowed origins only (`ALLOWED_ORIGINS` and the admin's), no cookies, every answer `no-store`
 * but the settings'. Method and path come from `WIDGET_ENDPOINTS` (the widget's zod-free copy).
 */
export const widgetRoutes = defineRoutes({
  /** Colour, position, greeting, pre-chat fields, notice; refuses a page that may not embed the chat. */
  settings: { ...at.settings, access: 'public', rate: 'none', query: WidgetSettingsQuery, result: WidgetSettings, cors: 'any', cache: { maxAgeSeconds: 60 } },
  /** A file for the visitor's next message (type decided by its bytes; kept until a message carries it). */
  upload: { ...at.upload, access: 'visitor', rate: 'upload', body: 'raw', result: UploadResult, status: 201 },
  /** A file the visitor uploaded, or one of their conversation's. */
  attachment: { ...at.attachment, access: 'visitor', rate: 'none', params: { id: AttachmentId }, result: 'file' },
  /** One of the visitor's conversations as a text or HTML download, without internal notes. */
  transcript: { ...at.transcript, access: 'visitor', rate: 'none', params: { id: EntityId }, query: VisitorTranscriptQuery, result: 'file' },
  /** The transcript by e-mail, only to an address the visitor gave in that conversation. */
  transcriptEmail: {
    ...at.transcriptEmail,
    access: 'visitor',
    rate: 'transcript-email',
    params: { id: EntityId },
    body: TranscriptEmail,
    maxBodyBytes: 4 * 1024,
    result: Empty,
    status: 202,
  },
  /** The leave-a-message form, filed as a ticket through the escalation outbox (`200` for a resend of one already filed). */
  leaveMessage: { ...at.leaveMessage, access: 'visitor', rate: 'leave-message', body: LeaveMessageInput, maxBodyBytes: 16 * 1024, result: LeaveMessageResult, status: 202 },
  /** The visitor's own left message, until it has its ticket number. */
  leaveMessageStatus: { ...at.leaveMessageStatus, access: 'visitor', rate: 'none', params: { id: EntityId }, result: LeaveMessageResult },
});

export type WidgetRoutes = typeof widgetRoutes;
