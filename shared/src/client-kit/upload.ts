import type { Attachment } from '../schemas/attachment.js';
import { ErrorCode } from '../errors.js';
import { ClientErrorCode } from './errors.js';

/** An upload the server refused, or that never reached it; `code` is what the UIs word. */
export class UploadError extends Error {
  constructor(readonly code: string) {
    super(`upload failed: ${code}`);
    this.name = 'UploadError';
  }
}

export interface UploadRequest {
  url: string;
  file: File;
  /** Authorization (the widget's visitor token) or the CSRF token (the console's session). */
  headers: Record<string, string>;
  onProgress: (percent: number) => void;
  /** Injected in tests; the browser's otherwise. */
  xhr?: () => XMLHttpRequest;
}

/**
 * Uploads one file as the raw body, reporting progress: XHR, because `fetch` reports no
 * upload progress. The name travels URI-encoded in `X-File-Name` (any script fits in a
 * header that way); the server answers 201 with `{ attachment }`. Rejects with an
 * {@link UploadError}: the server's code, or NETWORK when no answer came.
 *
 * @example
 * const attachment = await uploadFile({ url: `${server}/widget/uploads`, file, headers: { Authorization: `Bearer ${token}` }, onProgress });
 */
export function uploadFile({ url, file, headers, onProgress, xhr: make = () => new XMLHttpRequest() }: UploadRequest): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = make();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name || 'file'));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { attachment?: Attachment; error?: { code?: string } };
        if (xhr.status === 201 && body.attachment) resolve(body.attachment);
        else reject(new UploadError(body.error?.code ?? ErrorCode.Internal));
      } catch {
        reject(new UploadError(ErrorCode.Internal));
      }
    };
    xhr.onerror = () => reject(new UploadError(ClientErrorCode.Network));
    xhr.send(file);
  });
}

/** The code of whatever an upload rejected with (an {@link UploadError}, or a bare code from a test's fake). */
export const uploadErrorCode = (err: unknown): string => (err instanceof UploadError ? err.code : typeof err === 'string' ? err : ErrorCode.Internal);
