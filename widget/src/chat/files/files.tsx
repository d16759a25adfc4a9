/**
 * Files, loaded on first use (attach, drop, paste, or a message that carries files): the
 * upload with progress, the previews of what is about to be sent, and the files in messages.
 * Every request carries the visitor token; nothing here is fetched before it is needed.
 */
import { ErrorCode, isolate, LIMITS, pathTo, WIDGET_ENDPOINTS, type Attachment } from '@introserv/shared/client';
import { uploadFile } from '@introserv/shared/client/upload';
import { UploadDrafts, type UploadDraft } from '@introserv/shared/client/upload-drafts';
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n.js';

export interface FileAccess {
  server: string;
  /** The visitor token, once the server has confirmed it (waits for the hello of a first visit). */
  token: () => Promise<string>;
}

export type Draft = UploadDraft;

/** Uploads one file with the visitor token (the kit's XHR upload, for its progress). Rejects with an `UploadError`: the server's code, or NETWORK. */
export async function upload(access: FileAccess, file: File, onProgress: (percent: number) => void): Promise<Attachment> {
  const token = await access.token();
  return uploadFile({ url: `${access.server}${WIDGET_ENDPOINTS.upload.path}`, file, headers: { Authorization: `Bearer ${token}` }, onProgress });
}

/** The localized reason for a refused file. */
export function refusal(code: string, t: Translate, maxBytes: number): string {
  if (code === ErrorCode.FileTooLarge) return t('files.tooLarge', { max: Math.floor(maxBytes / 1048576) || 1 });
  if (code === ErrorCode.TooManyFiles) return t('files.tooMany', { max: LIMITS.attachmentsPerMessage });
  if (code === ErrorCode.FileTypeNotAllowed) return t('files.typeNotAllowed');
  // Trying again at once would not help: too many uploads for now, or no room on the server.
  if (code === ErrorCode.RateLimited || code === ErrorCode.StorageFull) return t('files.later');
  return t('files.failed');
}

/**
 * The files about to go with the next message (the kit's UploadDrafts, with previews of
 * images and the size checked here first), their refusals worded in the visitor's language.
 */
export class Uploads {
  private readonly drafts: UploadDrafts;

  constructor(
    access: FileAccess,
    private readonly maxBytes: number,
    private readonly t: Translate,
    onChange: () => void,
    send: typeof upload = upload,
  ) {
    this.drafts = new UploadDrafts((file, onProgress) => send(access, file, onProgress), { maxBytes, previews: true });
    this.drafts.drafts.subscribe(onChange);
  }

  /** The drafts as shown: a refusal is its reason, in words. */
  get items(): Draft[] {
    return this.drafts.drafts.value.map((d) => (d.error ? { ...d, error: refusal(d.error, this.t, this.maxBytes) } : d));
  }

  add(files: readonly File[]): void {
    this.drafts.add(files);
  }

  remove(key: number): void {
    this.drafts.remove(key);
  }

  /** Some file is still on its way. */
  get busy(): boolean {
    return this.drafts.busy;
  }

  /** The uploaded files, to send now; the list is emptied. */
  take(): Attachment[] {
    return this.drafts.take();
  }
}

/** What is about to be sent: previews, progress, a reason for each refused file, and a remove button. */
export function PendingFiles({ uploads, t }: { uploads: Uploads; t: Translate }) {
  if (!uploads.items.length) return null;
  return (
    <ul class="drafts" data-testid="pending-files">
      {uploads.items.map((d) => (
        <li key={d.key} class="draft" data-testid="pending-file" data-state={d.error ? 'refused' : d.attachment ? 'ready' : 'uploading'}>
          {d.preview ? <img src={d.preview} alt="" /> : <span class="file-icon" aria-hidden="true" />}
          <span class="draft-name">
            <bdi>{d.name}</bdi>
          </span>
          {d.error ? (
            <span class="draft-error" role="alert">
              {d.error}
            </span>
          ) : !d.attachment ? (
            <progress max={100} value={d.progress} aria-label={t('files.uploading', { percent: d.progress })} />
          ) : null}
          <button type="button" class="draft-remove" aria-label={t('files.remove', { name: isolate(d.name) })} title={t('files.remove', { name: isolate(d.name) })} onClick={() => uploads.remove(d.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Fetches a file with the visitor token and hands back an object URL (revoked when the component goes). */
function useFileUrl(access: FileAccess, attachment: Attachment, wanted: boolean): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let made: string | null = null;
    let live = true;
    fetchFile(access, attachment.id).then(
      (blob) => {
        made = URL.createObjectURL(blob);
        if (live) setUrl(made);
      },
      () => {
        // The name stays shown; a click tries again.
      },
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment.id, wanted]);
  return url;
}

async function fetchFile(access: FileAccess, id: string): Promise<Blob> {
  const res = await fetch(`${access.server}${pathTo(WIDGET_ENDPOINTS.attachment.path, { id })}`, { headers: { Authorization: `Bearer ${await access.token()}` } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}

/** Files in a message: images as thumbnails that open full size, others as a download button. */
export function AttachmentList({ attachments, access, t }: { attachments: readonly Attachment[]; access: FileAccess; t: Translate }) {
  return (
    <ul class="files">
      {attachments.map((a) => (
        <li key={a.id}>{a.type.startsWith('image/') ? <ImageFile attachment={a} access={access} /> : <OtherFile attachment={a} access={access} t={t} />}</li>
      ))}
    </ul>
  );
}

function ImageFile({ attachment, access }: { attachment: Attachment; access: FileAccess }) {
  const url = useFileUrl(access, attachment, true);
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer" data-testid="attachment">
      <img src={url} alt={attachment.name} />
    </a>
  ) : (
    <span class="file-name" data-testid="attachment">
      <bdi>{attachment.name}</bdi>
    </span>
  );
}

function OtherFile({ attachment, access, t }: { attachment: Attachment; access: FileAccess; t: Translate }) {
  const download = async (): Promise<void> => {
    const url = URL.createObjectURL(await fetchFile(access, attachment.id));
    const a = document.createElement('a');
    a.href = url;
    a.download = attachment.name;
    a.rel = 'noopener';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <button type="button" class="file" data-testid="attachment" aria-label={t('files.download', { name: isolate(attachment.name) })} onClick={() => void download().catch(() => {})}>
      <span class="file-icon" aria-hidden="true" />
      <bdi>{attachment.name}</bdi>
    </button>
  );
}
