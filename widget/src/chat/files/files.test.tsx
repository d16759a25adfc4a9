import type { Attachment } from '@introserv/shared/client';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTranslate, type Translate } from '../i18n/i18n.js';
import { PendingFiles, Uploads, upload, type FileAccess } from './files.js';

let t: Translate;
beforeAll(async () => {
  t = await createTranslate('en');
  // jsdom has no object URLs.
  URL.createObjectURL = vi.fn(() => 'blob:preview');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const access: FileAccess = { server: 'https://chat.example.com', token: async () => 'T'.repeat(43) };
const file = (name: string, size: number, type = 'image/png') => new File([new Uint8Array(size)], name, { type });
const attachment = (name: string): Attachment => ({ id: `f_${'x'.repeat(16)}${name.length}`, name, type: 'image/png', size: 10 });

/** An upload the test finishes by hand. */
function manualSend() {
  const pending: { name: string; progress: (p: number) => void; resolve: (a: Attachment) => void; reject: (code: string) => void }[] = [];
  const send = vi.fn(
    (_access: FileAccess, f: File, progress: (p: number) => void) =>
      new Promise<Attachment>((resolve, reject) => {
        pending.push({ name: f.name, progress, resolve, reject });
      }),
  );
  return { send, pending };
}

describe('Uploads', () => {
  it('uploads each file at once, with progress, and hands over the uploaded ones to send', async () => {
    const { send, pending } = manualSend();
    const changed = vi.fn();
    const uploads = new Uploads(access, 1024, t, changed, send);
    uploads.add([file('shot.png', 100), file('log.txt', 50, 'text/plain')]);
    expect(uploads.items.map((d) => [d.name, d.preview])).toEqual([
      ['shot.png', 'blob:preview'],
      ['log.txt', null],
    ]);
    expect(uploads.busy).toBe(true);
    pending[0]?.progress(40);
    expect(uploads.items[0]?.progress).toBe(40);
    pending[0]?.resolve(attachment('shot.png'));
    pending[1]?.resolve(attachment('log.txt'));
    await vi.waitFor(() => expect(uploads.busy).toBe(false));
    expect(uploads.take().map((a) => a.name)).toEqual(['shot.png', 'log.txt']);
    expect(uploads.items).toEqual([]);
    expect(changed).toHaveBeenCalled();
  });

  it('refuses too large a file and a sixth file before uploading them, and words the server’s refusals', async () => {
    const { send, pending } = manualSend();
    const uploads = new Uploads(access, 2 * 1048576, t, () => {}, send);
    uploads.add([file('huge.png', 3 * 1048576)]);
    expect(uploads.items[0]?.error).toBe('The file is larger than 2 MB.');
    uploads.add([1, 2, 3, 4, 5, 6].map((i) => file(`f${i}.png`, 1)));
    expect(uploads.items.at(-1)?.error).toBe('At most 5 files per message.');
    expect(send).toHaveBeenCalledTimes(5);
    pending[0]?.reject('FILE_TYPE_NOT_ALLOWED');
    pending[1]?.reject('NETWORK');
    pending[2]?.reject('STORAGE_FULL');
    pending[3]?.reject('RATE_LIMITED');
    await vi.waitFor(() => expect(uploads.items[1]?.error).toBe('Only images (PNG, JPEG, GIF, WebP), PDF and text files are accepted.'));
    expect(uploads.items[2]?.error).toBe('The upload failed. Try again.');
    // The server is full, or this visitor has sent enough for now: not worth trying again at once.
    expect(uploads.items[3]?.error).toBe('Files cannot be received right now. Try again later.');
    expect(uploads.items[4]?.error).toBe('Files cannot be received right now. Try again later.');
  });
});

describe('PendingFiles', () => {
  it('shows previews, progress with a name, the reason a file was refused, and removes a file', async () => {
    const { send, pending } = manualSend();
    let redraws = 0;
    const uploads = new Uploads(access, 1024, t, () => redraws++, send);
    uploads.add([file('shot.png', 10), file('huge.png', 4096)]);
    pending[0]?.progress(30);
    const { rerender } = render(<PendingFiles uploads={uploads} t={t} />);
    expect(screen.getByLabelText('Uploading… 30%')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('The file is larger than 1 MB.');
    fireEvent.click(screen.getByRole('button', { name: 'Remove \u2068huge.png\u2069' }));
    rerender(<PendingFiles uploads={uploads} t={t} />);
    expect(screen.queryByText('huge.png')).toBeNull();
    expect(redraws).toBeGreaterThan(0);
  });
});

describe('file names with bidi controls', () => {
  it('are isolated in the pending chips and their labels: U+202E cannot turn gnp.js into sj.png', () => {
    const { send } = manualSend();
    const uploads = new Uploads(access, 1024, t, () => {}, send);
    const name = 'invoice\u202egnp.js';
    uploads.add([file(name, 10, 'text/plain')]);
    const { container } = render(<PendingFiles uploads={uploads} t={t} />);
    expect(container.querySelector('.draft-name bdi')?.textContent).toBe(name);
    expect(container.querySelector('.draft-remove')?.getAttribute('aria-label')).toBe(`Remove \u2068${name}\u2069`);
  });
});

describe('upload', () => {
  it('posts the bytes with the visitor token and the URI-encoded name, and reports progress', async () => {
    const requests: { url: string; headers: Record<string, string>; body: unknown }[] = [];
    class FakeXhr {
      upload = { onprogress: null as ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null };
      status = 0;
      responseText = '';
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private url = '';
      private headers: Record<string, string> = {};
      open(_method: string, url: string) {
        this.url = url;
      }
      setRequestHeader(name: string, value: string) {
        this.headers[name] = value;
      }
      send(body: unknown) {
        requests.push({ url: this.url, headers: this.headers, body });
        this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
        this.status = 201;
        this.responseText = JSON.stringify({ attachment: attachment('снимок.png') });
        this.onload?.();
      }
    }
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const progress = vi.fn();
    const picked = file('снимок.png', 10);
    await expect(upload(access, picked, progress)).resolves.toMatchObject({ name: 'снимок.png' });
    expect(requests[0]).toMatchObject({ url: 'https://chat.example.com/widget/uploads', headers: { Authorization: `Bearer ${'T'.repeat(43)}`, 'X-File-Name': encodeURIComponent('снимок.png') }, body: picked });
    expect(progress).toHaveBeenCalledWith(50);
    vi.unstubAllGlobals();
  });
});
