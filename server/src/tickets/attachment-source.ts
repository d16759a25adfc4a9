/**
 * Where the chat's uploaded files are read from, for the tickets that carry them. The uploads
 * feature provides the real one; until it is wired, the application gets an empty memory source.
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

/** Files held in memory: the default, and what tests put files in. */
export class MemoryAttachmentSource implements AttachmentSource {
  private readonly files = new Map<string, AttachmentFile>();

  put(id: string, file: AttachmentFile): void {
    this.files.set(id, file);
  }

  async read(id: string): Promise<AttachmentFile | null> {
    return this.files.get(id) ?? null;
  }
}
