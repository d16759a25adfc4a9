import { ErrorCode, LIMITS, Signal, type Attachment } from '@introserv/shared/client';
import type { ConsoleErrorCode } from '../api/errors.js';
import { consoleUrl } from '../api/route-url.js';

export interface UploadDraft {
  key: number;
  name: string;
  /** 0–100 while uploading. */
  progress: number;
  attachment: Attachment | null;
  error: ConsoleErrorCode | null;
}

/** Sends one file; resolves with the stored attachment, rejects with an error code. */
export type SendFile = (conversationId: string, file: File, onProgress: (percent: number) => void) => Promise<Attachment>;

/**
 * Uploads a file to a conversation with the session cookie and the CSRF header, reporting
 * progress (XHR: fetch cannot report an upload's progress).
 */
export function xhrSendFile(csrfToken: () => string | null): SendFile {
  return (conversationId, file, onProgress) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', consoleUrl('attachments.upload', { params: { id: conversationId } }));
      xhr.setRequestHeader('x-csrf-token', csrfToken() ?? '');
      xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name || 'file'));
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onload = () => {
        try {
          const body = JSON.parse(xhr.responseText) as { attachment?: Attachment; error?: { code?: string } };
          if (xhr.status === 201 && body.attachment) resolve(body.attachment);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the code is what callers read
          else reject(body.error?.code ?? ErrorCode.Internal);
        } catch {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as above
          reject(ErrorCode.Internal);
        }
      };
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as above
      xhr.onerror = () => reject('NETWORK');
      xhr.send(file);
    });
}

/** The files an operator is about to send in one conversation: each uploads as soon as it is picked or pasted. */
export class OperatorUploads {
  readonly drafts = new Signal<readonly UploadDraft[]>([]);
  private next = 0;

  constructor(
    private readonly conversationId: string,
    private readonly send: SendFile,
  ) {}

  add(files: readonly File[]): void {
    for (const file of files) {
      const key = this.next++;
      const live = this.drafts.value.filter((d) => !d.error).length;
      this.drafts.update((d) => [...d, { key, name: file.name || 'file', progress: 0, attachment: null, error: live >= LIMITS.attachmentsPerMessage ? ErrorCode.TooManyFiles : null }]);
      if (live >= LIMITS.attachmentsPerMessage) continue;
      this.send(this.conversationId, file, (progress) => this.patch(key, { progress })).then(
        (attachment) => this.patch(key, { attachment, progress: 100 }),
        (code: unknown) => this.patch(key, { error: String(code) as ConsoleErrorCode }),
      );
    }
  }

  remove(key: number): void {
    this.drafts.update((d) => d.filter((x) => x.key !== key));
  }

  get busy(): boolean {
    return this.drafts.value.some((d) => !d.attachment && !d.error);
  }

  /** The uploaded files, to send now; the list is emptied. */
  take(): Attachment[] {
    const ready = this.drafts.value.flatMap((d) => (d.attachment ? [d.attachment] : []));
    this.drafts.set([]);
    return ready;
  }

  private patch(key: number, change: Partial<UploadDraft>): void {
    this.drafts.update((d) => d.map((x) => (x.key === key ? { ...x, ...change } : x)));
  }
}
