import { describe, expect, it } from 'vitest';
import { UploadError, uploadErrorCode, uploadFile } from './upload.js';

/** An XMLHttpRequest the test drives: it records what was set and answers when told. */
function fakeXhr() {
  const made = {
    method: '',
    url: '',
    headers: {} as Record<string, string>,
    body: null as unknown,
    status: 0,
    responseText: '',
    upload: { onprogress: null as ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null },
    onload: null as (() => void) | null,
    onerror: null as (() => void) | null,
    open(method: string, url: string) {
      made.method = method;
      made.url = url;
    },
    setRequestHeader(name: string, value: string) {
      made.headers[name] = value;
    },
    send(body: unknown) {
      made.body = body;
    },
    answer(status: number, body: string) {
      made.status = status;
      made.responseText = body;
      made.onload?.();
    },
  };
  return made;
}

const file = new File([new Uint8Array(10)], 'отчёт 1.png', { type: 'image/png' });
const attachment = { id: `f_${'a'.repeat(32)}`, name: 'отчёт 1.png', type: 'image/png', size: 10 };

function start(headers: Record<string, string> = { Authorization: 'Bearer T' }) {
  const xhr = fakeXhr();
  const progress: number[] = [];
  const done = uploadFile({ url: '/up', file, headers, onProgress: (p) => progress.push(p), xhr: () => xhr as unknown as XMLHttpRequest });
  return { xhr, progress, done };
}

describe('uploadFile', () => {
  it('posts the raw file with its URI-encoded name and the caller’s credentials, reports progress, and resolves with the attachment', async () => {
    const { xhr, progress, done } = start();
    expect([xhr.method, xhr.url, xhr.body]).toEqual(['POST', '/up', file]);
    expect(xhr.headers).toEqual({ Authorization: 'Bearer T', 'X-File-Name': encodeURIComponent('отчёт 1.png'), 'Content-Type': 'application/octet-stream' });
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 4, total: 10 });
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 5, total: 0 });
    xhr.answer(201, JSON.stringify({ attachment }));
    await expect(done).resolves.toEqual(attachment);
    expect(progress).toEqual([40]);
  });

  it('rejects with the server’s code, INTERNAL for an answer that is not the contract’s, NETWORK when none came', async () => {
    const refused = start();
    refused.xhr.answer(413, JSON.stringify({ error: { code: 'FILE_TOO_LARGE', message: 'too large' } }));
    await expect(refused.done).rejects.toEqual(new UploadError('FILE_TOO_LARGE'));
    const garbled = start();
    garbled.xhr.answer(502, '<html>bad gateway</html>');
    await expect(garbled.done.catch(uploadErrorCode)).resolves.toBe('INTERNAL');
    const lost = start();
    lost.xhr.onerror?.();
    await expect(lost.done.catch(uploadErrorCode)).resolves.toBe('NETWORK');
  });
});
