import type { FileStore } from './file.store.js';

export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, Buffer>();

  async put(id: string, bytes: Uint8Array): Promise<void> {
    this.files.set(id, Buffer.from(bytes));
  }

  async get(id: string): Promise<Buffer | null> {
    return this.files.get(id) ?? null;
  }

  async delete(id: string): Promise<void> {
    this.files.delete(id);
  }

  /** How many files are kept (tests check that expiry frees them). */
  get size(): number {
    return this.files.size;
  }
}
