import type { Attachment } from '@introserv/shared';
import { uploadFile } from '@introserv/shared/client/upload';
import { UploadDrafts, type UploadDraft } from '@introserv/shared/client/upload-drafts';
import { consoleUrl } from '../api/route-url.js';

export type { UploadDraft };

/** Sends one file to a conversation; resolves with the stored attachment, rejects with an `UploadError`. */
export type SendFile = (conversationId: string, file: File, onProgress: (percent: number) => void) => Promise<Attachment>;

/** Uploads a file to a conversation with the session cookie and the CSRF header (the client kit's XHR upload, for its progress). */
export function xhrSendFile(csrfToken: () => string | null): SendFile {
  return (conversationId, file, onProgress) =>
    uploadFile({ url: consoleUrl('attachments.upload', { params: { id: conversationId } }), file, headers: { 'x-csrf-token': csrfToken() ?? '' }, onProgress });
}

/** The files an operator is about to send in one conversation (the client kit's drafts): each uploads as soon as it is picked or pasted. */
export class OperatorUploads extends UploadDrafts {
  constructor(conversationId: string, send: SendFile) {
    super((file, onProgress) => send(conversationId, file, onProgress));
  }
}
