/**
 * Where the chat's uploaded files are read from, for the tickets that carry them: the
 * uploads feature's AttachmentService in the application, a memory source in tests.
 */
export interface AttachmentSource {
  /** The file, or null when it is gone (expired, deleted). */
  read(id: string): Promise<AttachmentFile | null>;
}

export interface AttachmentFile {
  name: string;
  /** As the uploads feature decided it from the content. */
  type: string;
  bytes: Uint8Array;
}

/** Files held in memory: what the composer's tests put files in. */
export class MemoryAttachmentSource implements AttachmentSource {
  private readonly files = new Map<string, AttachmentFile>();

  put(id: string, file: AttachmentFile): void {
    this.files.set(id, file);
  }

  async read(id: string): Promise<AttachmentFile | null> {
    return this.files.get(id) ?? null;
  }
}
