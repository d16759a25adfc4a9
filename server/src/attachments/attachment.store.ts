import type { Attachment } from '@introserv/shared';

export interface FileOwner {
  kind: 'visitor' | 'operator';
  id: string;
}

/** An uploaded file's metadata; its bytes are in the FileStore under the same id. */
export interface AttachmentRecord extends Attachment {
  owner: FileOwner;
  /** The conversation it went to: set when a message carries it (a visitor's) or at upload (an operator's). */
  conversationId: string | null;
  createdAt: number;
}

export type BindOutcome = { ok: true; attachments: Attachment[] } | { ok: false; reason: 'not_found' | 'not_yours' };

/**
 * Metadata of uploaded files. Implementations: `MemoryAttachmentStore`,
 * `RedisAttachmentStore`; `attachment.contract.ts`.
 */
export interface AttachmentStore {
  save(record: AttachmentRecord): Promise<void>;
  get(id: string): Promise<AttachmentRecord | null>;
  /**
   * Ties files to the conversation the message carrying them goes to, all or none: each must
   * exist, belong to `owner`, and be free or already tied to this conversation (a resend).
   */
  bind(ids: readonly string[], owner: FileOwner, conversationId: string): Promise<BindOutcome>;
  /**
   * Forgets up to `limit` files uploaded before `before`, and uploads never sent in a message
   * (tied to no conversation) made before `unboundBefore`; returns their ids, for their bytes.
   */
  expire(before: number, unboundBefore: number, limit: number): Promise<string[]>;
}
