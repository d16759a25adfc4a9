import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SAFE_ID, type FileStore } from './file.store.js';

/**
 * Files in one directory, each under its attachment id, readable by this user only. A write
 * goes to a temporary name first and is renamed into place, so a reader never sees half a file.
 * Several server processes need the directory on shared storage.
 */
export class DiskFileStore implements FileStore {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dir: string) {}

  async put(id: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(id);
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.ready;
    const temp = `${path}.${process.pid}.part`;
    try {
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, path);
    } catch (err) {
      // A full disk fails mid-write: the part written would stay forever, known to no record.
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(id: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }

  private path(id: string): string {
    if (!SAFE_ID.test(id)) throw new Error('refusing a file id outside the safe alphabet');
    return join(this.dir, id);
  }
}
