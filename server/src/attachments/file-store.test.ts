import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskFileStore } from './disk-file.store.js';
import type { FileStore } from './file.store.js';
import { MemoryFileStore } from './memory-file.store.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function disk(): Promise<{ store: FileStore; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'files-'));
  dirs.push(root);
  const dir = join(root, 'uploads');
  return { store: new DiskFileStore(dir), dir };
}

describe.each([
  ['memory', async () => ({ store: new MemoryFileStore(), dir: '' })],
  ['disk', disk],
])('FileStore (%s)', (kind, make) => {
  it('keeps bytes by id and knows nothing of other ids', async () => {
    const { store } = await make();
    await store.put('f_0123456789abcdef', Buffer.from('hello'));
    expect((await store.get('f_0123456789abcdef'))?.toString()).toBe('hello');
    expect(await store.get('f_fedcba9876543210')).toBeNull();
  });

  it('deletes bytes by id, and a second delete is no error', async () => {
    const { store } = await make();
    await store.put('f_0123456789abcdef', Buffer.from('hello'));
    await store.delete('f_0123456789abcdef');
    await store.delete('f_0123456789abcdef');
    expect(await store.get('f_0123456789abcdef')).toBeNull();
  });

  it.runIf(kind === 'disk')('writes into a directory it creates, readable by this user only, under the id alone', async () => {
    const { store, dir } = await make();
    await store.put('f_0123456789abcdef', Buffer.from('x'));
    expect(await readdir(dir)).toEqual(['f_0123456789abcdef']);
    expect((await stat(join(dir, 'f_0123456789abcdef'))).mode & 0o777).toBe(0o600);
    await expect(store.put('../escape-attempt-xx', Buffer.from('x'))).rejects.toThrow(/safe alphabet/);
  });

  it.runIf(kind === 'disk')('leaves no half-written temporary file behind when a write fails', async () => {
    const { store, dir } = await make();
    await store.put('f_0123456789abcdef', Buffer.from('x'));
    // A directory where the file should go: the rename into place fails, as a full disk fails the write.
    await mkdir(join(dir, 'f_fedcba9876543210', 'taken'), { recursive: true });
    await expect(store.put('f_fedcba9876543210', Buffer.from('y'))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['f_0123456789abcdef', 'f_fedcba9876543210']);
  });
});
