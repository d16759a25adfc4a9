import { AppError, EntityId, ErrorCode, type UploadResult } from '@introserv/shared';
import { Router } from 'express';
import type { AttachmentService } from '../attachments/attachment.service.js';
import type { Authenticate } from '../auth/authenticate.js';
import type { ConversationStore } from '../conversations/conversation.store.js';
import { parseWith } from './parse-body.js';
import { readRawBody, sendFile, uploadName } from './read-body.js';
import { authenticated, requireOperator } from './request-guards.js';

/**
 * Operators' files, on the API's cookie session with the CSRF header on uploads:
 * `POST /api/conversations/:id/attachments` (raw body, `X-File-Name`) and
 * `GET /api/attachments/:id`. Mounted before the JSON-only API router, since an upload is not JSON.
 */
export function operatorFilesRouter(deps: {
  authenticate: Authenticate;
  attachments: Pick<AttachmentService, 'upload' | 'open' | 'maxBytes'>;
  conversations: Pick<ConversationStore, 'get'>;
}): Router {
  const router = Router();
  const operator = requireOperator(deps.authenticate);

  router.post('/conversations/:id/attachments', operator, async (req, res) => {
    const conversationId = parseWith(EntityId, req.params.id);
    if (!(await deps.conversations.get(conversationId))) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    const bytes = await readRawBody(req, res, deps.attachments.maxBytes);
    const attachment = await deps.attachments.upload({ kind: 'operator', id: authenticated(res).operator.id }, { name: uploadName(req), bytes, conversationId, address: req.ip ?? 'unknown' });
    res.status(201).json({ attachment } satisfies UploadResult);
  });

  router.get('/attachments/:id', operator, async (req, res) => {
    const file = await deps.attachments.open(String(req.params.id), { kind: 'operator' });
    if (!file) throw new AppError(ErrorCode.NotFound, 'no such file');
    sendFile(res, file.attachment, file.bytes);
  });

  return router;
}
