import { AppError, ErrorCode, type ConsoleRoutes } from '@introserv/shared';
import type { AttachmentService } from '../../attachments/attachment.service.js';
import type { ConversationStore } from '../../conversations/conversation.store.js';
import { readRawBody, sendFile, uploadName } from '../read-body.js';
import type { RouteHandlers } from '../route-handler.js';

/** Operators' files: an upload for a conversation (raw body, `X-File-Name`), and any file by id. */
export function operatorFileHandlers(deps: {
  attachments: Pick<AttachmentService, 'upload' | 'open' | 'maxBytes'>;
  conversations: Pick<ConversationStore, 'get'>;
}): Pick<RouteHandlers<ConsoleRoutes>, 'attachments.upload' | 'attachments.get'> {
  return {
    'attachments.upload': async ({ params, req, res, ip, auth }) => {
      // Checked before the bytes are read: nothing is taken for a conversation that does not exist.
      if (!(await deps.conversations.get(params.id))) throw new AppError(ErrorCode.NotFound, 'no such conversation');
      const bytes = await readRawBody(req, res, deps.attachments.maxBytes);
      return { attachment: await deps.attachments.upload({ kind: 'operator', id: auth.operator.id }, { name: uploadName(req), bytes, conversationId: params.id, address: ip }) };
    },
    'attachments.get': async ({ params, res }) => {
      const file = await deps.attachments.open(params.id, { kind: 'operator' });
      if (!file) throw new AppError(ErrorCode.NotFound, 'no such file');
      sendFile(res, file.attachment, file.bytes);
      return undefined;
    },
  };
}
