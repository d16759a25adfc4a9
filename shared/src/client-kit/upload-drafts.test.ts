import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../schemas/attachment.js';
import { UploadDrafts } from './upload-drafts.js';
import { UploadError } from './upload.js';

/** Uploads the test finishes by hand. */
function manualSend() {
  const pending: { name: string; progress: (p: number) => void; resolve: (a: Attachment) => void; reject: (err: unknown) => void }[] = [];
  const send = vi.fn(
    (f: File, progress: (p: number) => void) =>
      new Promise<Attachment>((resolve, reject) => {
        pending.push({ name: f.name, progress, resolve, reject });
      }),
  );
  return { send, pending };
}

const file = (name: string, size: number, type = 'image/png') => new File([new Uint8Array(size)], name, { type });
const attachment = (name: string): Attachment => ({ id: `f_${'x'.repeat(16)}${name.length}`, name, type: 'image/png', size: 10 });
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:preview');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe('UploadDrafts', () => {
  it('uploads each file at once with progress, and hands over the uploaded ones to send', async () => {
    const { send, pending } = manualSend();
    const drafts = new UploadDrafts(send, { previews: true });
    const changes = vi.fn();
    drafts.drafts.subscribe(changes);
    drafts.add([file('shot.png', 100), file('log.txt', 50, 'text/plain')]);
    expect(drafts.drafts.value.map((d) => [d.name, d.preview])).toEqual([
      ['shot.png', 'blob:preview'],
      ['log.txt', null],
    ]);
    expect(drafts.busy).toBe(true);
    pending[0]?.progress(40);
    expect(drafts.drafts.value[0]?.progress).toBe(40);
    pending[0]?.resolve(attachment('shot.png'));
    pending[1]?.resolve(attachment('log.txt'));
    await settle();
    expect(drafts.busy).toBe(false);
    expect(drafts.take().map((a) => a.name)).toEqual(['shot.png', 'log.txt']);
    expect(drafts.drafts.value).toEqual([]);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview');
    expect(changes).toHaveBeenCalled();
  });

  it('refuses too large a file and a sixth one before uploading them, and keeps the server’s code of a refusal', async () => {
    const { send, pending } = manualSend();
    const drafts = new UploadDrafts(send, { maxBytes: 2 * 1048576 });
    drafts.add([file('huge.png', 3 * 1048576)]);
    expect(drafts.drafts.value[0]?.error).toBe('FILE_TOO_LARGE');
    drafts.add([1, 2, 3, 4, 5, 6].map((i) => file(`f${i}.png`, 1)));
    expect(drafts.drafts.value.at(-1)?.error).toBe('TOO_MANY_FILES');
    expect(send).toHaveBeenCalledTimes(5);
    pending[0]?.reject(new UploadError('FILE_TYPE_NOT_ALLOWED'));
    pending[1]?.reject('NETWORK');
    await settle();
    expect(drafts.drafts.value.slice(1, 3).map((d) => d.error)).toEqual(['FILE_TYPE_NOT_ALLOWED', 'NETWORK']);
  });

  it('removes a draft, revoking its preview', () => {
    const { send } = manualSend();
    const drafts = new UploadDrafts(send, { previews: true });
    drafts.add([file('a.png', 1)]);
    drafts.remove(drafts.drafts.value[0]!.key);
    expect(drafts.drafts.value).toEqual([]);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:preview');
  });
});
