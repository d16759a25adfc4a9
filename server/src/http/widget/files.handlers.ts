import { AppError, ErrorCode, type WidgetRoutes } from '@introserv/shared';
import type { AttachmentService } from '../../attachments/attachment.service.js';
import { readRawBody, sendFile, uploadName } from '../read-body.js';
import type { RouteHandlers } from '../route-handler.js';

/**
 * A visitor's files: uploads (kept for them until a message carries them) and downloads of
 * what they uploaded or their conversation carries; the widget shows them as blob URLs, so
 * no token is ever in a URL.
 */
export function widgetFileHandlers(attachments: Pick<AttachmentService, 'upload' | 'open' | 'maxBytes'>): Pick<RouteHandlers<WidgetRoutes>, 'upload' | 'attachment'> {
  return {
    upload: async ({ req, res, ip, visitor }) => {
      const bytes = await readRawBody(req, res, attachments.maxBytes);
      return { attachment: await attachments.upload({ kind: 'visitor', id: visitor.id }, { name: uploadName(req), bytes, conversationId: null, address: ip }) };
    },
    attachment: async ({ params, res, visitor }) => {
      const file = await attachments.open(params.id, { kind: 'visitor', visitorId: visitor.id });
      if (!file) throw new AppError(ErrorCode.NotFound, 'no such file');
      sendFile(res, file.attachment, file.bytes);
      return undefined;
    },
  };
}
