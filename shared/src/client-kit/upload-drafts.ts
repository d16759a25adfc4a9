import { ErrorCode } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { Attachment } from '../schemas/attachment.js';
import { Signal } from '../signal.js';
import { uploadErrorCode } from './upload.js';

export interface UploadDraft {
  key: number;
  name: string;
  /** A local preview of a picked image (an object URL), when previews are on; else null. */
  preview: string | null;
  /** 0–100 while uploading. */
  progress: number;
  attachment: Attachment | null;
  /** Why the file will not go: the server's code, or one found here first (too large, too many). */
  error: string | null;
}

/** Uploads one file (`uploadFile` with the UI's URL and credentials); rejects with an `UploadError`. */
export type SendFile = (file: File, onProgress: (percent: number) => void) => Promise<Attachment>;

export interface UploadDraftsOptions {
  /** Larger files are refused here at once (FILE_TOO_LARGE); the server checks again for good. */
  maxBytes?: number;
  /** Shows picked images before they are sent (object URLs, revoked when the draft goes). */
  previews?: boolean;
}

/**
 * The files about to go with the next message: each uploads as soon as it is picked, dropped
 * or pasted, so that sending is instant. The count per message (and the size, when known)
 * is checked here first for a quick answer; the server checks them again, and the content's
 * real type, for good.
 *
 * @example
 * const drafts = new UploadDrafts((file, onProgress) => uploadFile({ url, file, headers, onProgress }));
 * drafts.add(picked);
 * if (!drafts.busy) send(text, drafts.take());
 */
export class UploadDrafts {
  readonly drafts = new Signal<readonly UploadDraft[]>([]);
  private next = 0;

  constructor(
    private readonly send: SendFile,
    private readonly options: UploadDraftsOptions = {},
  ) {}

  add(files: readonly File[]): void {
    for (const file of files) {
      const key = this.next++;
      const live = this.drafts.value.filter((d) => !d.error).length;
      const refused =
        live >= LIMITS.attachmentsPerMessage ? ErrorCode.TooManyFiles : this.options.maxBytes !== undefined && file.size > this.options.maxBytes ? ErrorCode.FileTooLarge : null;
      const preview = !refused && this.options.previews && file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      this.drafts.update((d) => [...d, { key, name: file.name || 'file', preview, progress: 0, attachment: null, error: refused }]);
      if (refused) continue;
      this.send(file, (progress) => this.patch(key, { progress })).then(
        (attachment) => this.patch(key, { attachment, progress: 100 }),
        (err: unknown) => this.patch(key, { error: uploadErrorCode(err) }),
      );
    }
  }

  remove(key: number): void {
    const gone = this.drafts.value.find((d) => d.key === key);
    if (gone?.preview) URL.revokeObjectURL(gone.preview);
    this.drafts.update((d) => d.filter((x) => x.key !== key));
  }

  /** Some file is still on its way. */
  get busy(): boolean {
    return this.drafts.value.some((d) => !d.attachment && !d.error);
  }

  /** The files uploaded so far, without taking them. */
  get ready(): Attachment[] {
    return this.drafts.value.flatMap((d) => (d.attachment ? [d.attachment] : []));
  }

  /** The uploaded files, to send now; the list is emptied. */
  take(): Attachment[] {
    const ready = this.ready;
    for (const d of this.drafts.value) if (d.preview) URL.revokeObjectURL(d.preview);
    this.drafts.set([]);
    return ready;
  }

  private patch(key: number, change: Partial<UploadDraft>): void {
    this.drafts.update((d) => d.map((x) => (x.key === key ? { ...x, ...change } : x)));
  }
}
