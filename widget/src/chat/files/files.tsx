/**
 * Files, loaded on first use (attach, drop, paste, or a message that carries files): the
 * upload with progress, the previews of what is about to be sent, and the files in messages.
 * Every request carries the visitor token; nothing here is fetched before it is needed.
 */
import { ErrorCode, isolate, LIMITS, pathTo, WIDGET_ENDPOINTS, type Attachment } from '@introserv/shared/client';
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n.js';

export interface FileAccess {
  server: string;
  /** The visitor token, once the server has confirmed it (waits for the hello of a first visit). */
  token: () => Promise<string>;
}

export interface Draft {
  key: number;
  name: string;
  /** A local preview of a picked image (an object URL), or null. */
  preview: string | null;
  /** 0–100 while uploading. */
  progress: number;
  attachment: Attachment | null;
  error: string | null;
}

/** Uploads one file with XHR (fetch reports no upload progress). Rejects with the server's error code, or NETWORK. */
export async function upload(access: FileAccess, file: File, onProgress: (percent: number) => void): Promise<Attachment> {
  const token = await access.token();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(WIDGET_ENDPOINTS.upload.method, `${access.server}${WIDGET_ENDPOINTS.upload.path}`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    // The name travels URI-encoded: any script fits in a header that way.
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name || 'file'));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { attachment?: Attachment; error?: { code: string } };
        if (xhr.status === 201 && body.attachment) resolve(body.attachment);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the code is what callers read
        else reject(body.error?.code ?? 'INTERNAL');
      } catch {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as above
        reject('INTERNAL');
      }
    };
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as above
    xhr.onerror = () => reject('NETWORK');
    xhr.send(file);
  });
}

/** The localized reason for a refused file. */
export function refusal(code: string, t: Translate, maxBytes: number): string {
  if (code === ErrorCode.FileTooLarge) return t('files.tooLarge', { max: Math.floor(maxBytes / 1048576) || 1 });
  if (code === ErrorCode.FileTypeNotAllowed) return t('files.typeNotAllowed');
  // Trying again at once would not help: too many uploads for now, or no room on the server.
  if (code === ErrorCode.RateLimited || code === ErrorCode.StorageFull) return t('files.later');
  return t('files.failed');
}

/**
 * The files about to go with the next message: each uploads as soon as it is picked,
 * dropped or pasted, so that sending is instant. Limits are checked here first for a quick
 * answer; the server checks them again, and the content's real type, for good.
 */
export class Uploads {
  items: Draft[] = [];
  private next = 0;

  constructor(
    private readonly access: FileAccess,
    private readonly maxBytes: number,
    private readonly t: Translate,
    private readonly onChange: () => void,
    private readonly send: typeof upload = upload,
  ) {}

  add(files: readonly File[]): void {
    for (const file of files) {
      const key = this.next++;
      const live = this.items.filter((d) => !d.error).length;
      const draft: Draft = { key, name: file.name || 'file', preview: null, progress: 0, attachment: null, error: null };
      this.items = [...this.items, draft];
      if (live >= LIMITS.attachmentsPerMessage) this.patch(key, { error: this.t('files.tooMany', { max: LIMITS.attachmentsPerMessage }) });
      else if (file.size > this.maxBytes) this.patch(key, { error: refusal(ErrorCode.FileTooLarge, this.t, this.maxBytes) });
      else {
        if (file.type.startsWith('image/')) this.patch(key, { preview: URL.createObjectURL(file) });
        this.send(this.access, file, (progress) => this.patch(key, { progress })).then(
          (attachment) => this.patch(key, { attachment, progress: 100 }),
          (code: unknown) => this.patch(key, { error: refusal(String(code), this.t, this.maxBytes) }),
        );
      }
    }
    this.onChange();
  }

  remove(key: number): void {
    const gone = this.items.find((d) => d.key === key);
    if (gone?.preview) URL.revokeObjectURL(gone.preview);
    this.items = this.items.filter((d) => d.key !== key);
    this.onChange();
  }

  /** Some file is still on its way. */
  get busy(): boolean {
    return this.items.some((d) => !d.attachment && !d.error);
  }

  /** The uploaded files, to send now; the list is emptied. */
  take(): Attachment[] {
    const ready = this.items.flatMap((d) => (d.attachment ? [d.attachment] : []));
    for (const d of this.items) if (d.preview) URL.revokeObjectURL(d.preview);
    this.items = [];
    this.onChange();
    return ready;
  }

  private patch(key: number, change: Partial<Draft>): void {
    this.items = this.items.map((d) => (d.key === key ? { ...d, ...change } : d));
    this.onChange();
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
