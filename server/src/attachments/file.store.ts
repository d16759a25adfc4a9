/**
 * The bytes of uploaded files, by attachment id (random and unguessable, checked to be
 * url-safe before it names anything). `DiskFileStore` keeps them in UPLOAD_DIR;
 * `MemoryFileStore` serves tests. Metadata lives in the AttachmentStore.
 */
export interface FileStore {
  put(id: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no such file. */
  get(id: string): Promise<Buffer | null>;
  /** Removes the bytes; a file already gone is not an error. */
  delete(id: string): Promise<void>;
}

/** Attachment ids name files: only this alphabet ever reaches a path. */
export const SAFE_ID = /^[A-Za-z0-9_-]{16,64}$/;
