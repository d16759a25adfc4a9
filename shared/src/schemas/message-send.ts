import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { AttachmentId } from './attachment.js';
import { OperatorMessageSend } from './operator.js';

/** Message text that may be empty when files go with it: trimmed, bounded. */
export const MessageBody = z.string().trim().max(LIMITS.messageTextMax, `message is longer than ${LIMITS.messageTextMax} characters`);

/** Ids of files uploaded before sending (`POST /widget/uploads`, `POST /api/conversations/:id/attachments`). */
export const MessageAttachmentIds = z.array(AttachmentId).max(LIMITS.attachmentsPerMessage, `at most ${LIMITS.attachmentsPerMessage} files per message`);

/** A message needs text or at least one file. */
export const hasContent = (m: { text: string; attachments?: readonly string[] | undefined }): boolean => m.text.length > 0 || (m.attachments?.length ?? 0) > 0;

/** An operator writes, optionally with files they uploaded to this conversation. */
export const OperatorMessageSendWithFiles = OperatorMessageSend.extend({ text: MessageBody, attachments: MessageAttachmentIds.optional() }).refine(hasContent, {
  error: 'message is empty',
  path: ['text'],
});
export type OperatorMessageSendWithFiles = z.infer<typeof OperatorMessageSendWithFiles>;
