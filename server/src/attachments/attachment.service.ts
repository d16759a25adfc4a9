import { randomBytes } from 'node:crypto';
import { AppError, ErrorCode, type Attachment } from '@introserv/shared';
import type { ConversationStore } from '../conversations/conversation.store.js';
import type { UploadQuota } from '../config.js';
import { quotaSubject } from '../limits/quota-subject.js';
import type { LimitRule, RateLimitStore } from '../limits/rate-limit.store.js';
import type { AttachmentRecord, AttachmentStore, BindOutcome, FileOwner } from './attachment.store.js';
import { sniffType } from './content-type.js';
import { nearlyFull, type DiskSpaceProbe } from './disk-space.js';
import { storedFileName } from './file-name.js';
import type { FileStore } from './file.store.js';

/** Who asks to download a file. */
export type FileReader = { kind: 'operator' } | { kind: 'visitor'; visitorId: string };

export interface AttachmentLimits extends UploadQuota {
  /** The largest file, in bytes. */
  maxBytes: number;
}

/** An upload no message has carried by then is abandoned (a closed tab, a changed mind). */
export const UNSENT_UPLOAD_MS = 24 * 60 * 60_000;

/**
 * Files on messages. An upload is checked by its content (its first bytes say what it is;
 * its name and claimed type do not count), kept under a random id, and tied to a
 * conversation by the message that carries it. Only that conversation's visitor (and the
 * uploader) and operators may read it.
 */
export class AttachmentService {
  constructor(
    private readonly ports: {
      attachments: AttachmentStore;
      files: FileStore;
      rateLimits: Pick<RateLimitStore, 'reserve'>;
      conversations: Pick<ConversationStore, 'get'>;
      /** UPLOAD_DIR's free space; without it, the disk is not watched (files kept in memory). */
      space?: DiskSpaceProbe;
    },
    private readonly limits: AttachmentLimits,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => `f_${randomBytes(24).toString('base64url')}`,
  ) {}

  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /**
   * `address`: the uploader's client address; a visitor's bytes are charged to it (an
   * operator's only to the total, an office of operators shares one address). The quotas are
   * reserved before any byte is written and given back if none was kept.
   */
  async upload(owner: FileOwner, input: { name: string; bytes: Uint8Array; conversationId: string | null; address?: string }): Promise<Attachment> {
    if (input.bytes.length > this.limits.maxBytes) throw new AppError(ErrorCode.FileTooLarge, `files may be at most ${this.limits.maxBytes} bytes`);
    const type = sniffType(input.bytes);
    if (!type) throw new AppError(ErrorCode.FileTypeNotAllowed, 'only images (PNG, JPEG, GIF, WebP), PDF and plain text are accepted');
    const { minFreeBytes, minFreePercent } = this.limits;
    if (this.ports.space && nearlyFull(await this.ports.space(), minFreeBytes, minFreePercent)) throw new AppError(ErrorCode.StorageFull, 'the server has no room for files now; try again later');
    const reserved = await this.ports.rateLimits.reserve(this.quotaRules(owner, input.bytes.length, input.address), this.now());
    if (!reserved.ok) throw new AppError(ErrorCode.RateLimited, 'too many uploads; try again later');
    const attachment: Attachment = { id: this.newId(), name: storedFileName(input.name, type), type, size: input.bytes.length };
    try {
      // The record first: bytes on disk always have a record, through which expiry finds them.
      // A record write that fails (a full Redis) leaves nothing behind; a bytes write that fails
      // leaves a record nobody was told of, which reads as "no such file" until expiry forgets it.
      await this.ports.attachments.save({ ...attachment, owner, conversationId: input.conversationId, createdAt: this.now() });
      await this.ports.files.put(attachment.id, input.bytes);
    } catch (err) {
      await reserved.release().catch(() => {});
      throw err;
    }
    return attachment;
  }

  /** Uploads per uploader; bytes per address (visitors) and of everyone together. */
  private quotaRules(owner: FileOwner, size: number, address: string | undefined): LimitRule[] {
    const { uploadsPerWindow, windowMs, bytesPerIp, bytesTotal } = this.limits;
    const rules: LimitRule[] = [];
    if (uploadsPerWindow > 0) rules.push({ key: `upload:${owner.kind}:${owner.id}`, limit: uploadsPerWindow, windowMs });
    if (bytesPerIp.limit > 0 && owner.kind === 'visitor' && address) rules.push({ key: `upload-bytes:ip:${quotaSubject(address)}`, ...bytesPerIp, cost: size });
    if (bytesTotal.limit > 0) rules.push({ key: 'upload-bytes:all', ...bytesTotal, cost: size });
    return rules;
  }

  /** Ties the owner's uploads to the conversation a message carries them to. */
  async bind(ids: readonly string[], owner: FileOwner, conversationId: string): Promise<Attachment[]> {
    if (ids.length === 0) return [];
    const outcome = await this.ports.attachments.bind([...new Set(ids)], owner, conversationId);
    if (!outcome.ok) throw bindRefusal(outcome.reason);
    return outcome.attachments;
  }

  /**
   * Throws what `bind` would: each file must exist, be the owner's, and be free or already
   * tied to `conversationId` (null: no conversation yet, so free). A read only, for deciding
   * before a step that cannot be undone (opening a conversation); `bind` decides again, atomically.
   */
  async assertBindable(ids: readonly string[], owner: FileOwner, conversationId: string | null): Promise<void> {
    const records = await Promise.all([...new Set(ids)].map((id) => this.ports.attachments.get(id)));
    if (records.some((r) => !r)) throw bindRefusal('not_found');
    const bindable = (r: AttachmentRecord | null): boolean =>
      r !== null && r.owner.kind === owner.kind && r.owner.id === owner.id && (r.conversationId === null || r.conversationId === conversationId);
    if (!records.every(bindable)) throw bindRefusal('not_yours');
  }

  /** A file with its bytes, for a reader who may see it; null for anyone else (as if it did not exist). */
  async open(id: string, reader: FileReader): Promise<{ attachment: Attachment; bytes: Buffer } | null> {
    const record = await this.ports.attachments.get(id);
    if (!record) return null;
    if (reader.kind === 'visitor') {
      const uploader = record.owner.kind === 'visitor' && record.owner.id === reader.visitorId;
      const conversation = record.conversationId ? await this.ports.conversations.get(record.conversationId) : null;
      if (!uploader && conversation?.visitor.id !== reader.visitorId) return null;
    }
    const bytes = await this.ports.files.get(id);
    if (!bytes) return null;
    const { name, type, size } = record;
    return { attachment: { id, name: storedFileName(name, type), type, size }, bytes };
  }

  /**
   * The file by id for other services (escalating a chat to a ticket attaches its files),
   * without an access check: the caller has decided who may see it.
   */
  async read(id: string): Promise<{ name: string; type: string; bytes: Buffer } | null> {
    const record = await this.ports.attachments.get(id);
    const bytes = record ? await this.ports.files.get(id) : null;
    return record && bytes ? { name: storedFileName(record.name, record.type), type: record.type, bytes } : null;
  }

  /**
   * Deletes files uploaded before `before`, and uploads never sent that are older than a day:
   * their records first, then their bytes (a reader of a deleted record gets a 404 either way).
   * Returns how many went.
   */
  async expire(before: number, limit: number): Promise<number> {
    const ids = await this.ports.attachments.expire(before, this.now() - UNSENT_UPLOAD_MS, limit);
    await Promise.all(ids.map((id) => this.ports.files.delete(id)));
    return ids.length;
  }
}

function bindRefusal(reason: Extract<BindOutcome, { ok: false }>['reason']): AppError {
  return reason === 'not_found' ? new AppError(ErrorCode.NotFound, 'no such file') : new AppError(ErrorCode.Forbidden, 'not your file');
}
