import type { AttachmentRecord, AttachmentStore, BindOutcome, FileOwner } from './attachment.store.js';

export class MemoryAttachmentStore implements AttachmentStore {
  private readonly records = new Map<string, AttachmentRecord>();

  async save(record: AttachmentRecord): Promise<void> {
    this.records.set(record.id, structuredClone(record));
  }

  async get(id: string): Promise<AttachmentRecord | null> {
    const r = this.records.get(id);
    return r ? structuredClone(r) : null;
  }

  async bind(ids: readonly string[], owner: FileOwner, conversationId: string): Promise<BindOutcome> {
    const found = ids.map((id) => this.records.get(id));
    if (found.some((r) => !r)) return { ok: false, reason: 'not_found' };
    const records = found as AttachmentRecord[];
    const free = (r: AttachmentRecord) => r.owner.kind === owner.kind && r.owner.id === owner.id && (r.conversationId === null || r.conversationId === conversationId);
    if (!records.every(free)) return { ok: false, reason: 'not_yours' };
    for (const r of records) r.conversationId = conversationId;
    return { ok: true, attachments: records.map(({ id, name, type, size }) => ({ id, name, type, size })) };
  }

  async expire(before: number, unboundBefore: number, limit: number): Promise<string[]> {
    const gone = [...this.records.values()]
      .filter((r) => r.createdAt < before || (r.conversationId === null && r.createdAt < unboundBefore))
      .sort((a, b) => a.createdAt - b.createdAt)
      .slice(0, limit)
      .map((r) => r.id);
    for (const id of gone) this.records.delete(id);
    return gone;
  }
}
