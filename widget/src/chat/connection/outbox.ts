import type { Attachment } from '@introserv/shared/client';
import { safeStringify } from './safe-json.js';
import type { KeyValueStore } from './storage.js';

/** A message the visitor wrote that the server has not acknowledged yet. */
export interface OutboxEntry {
  /** Client-made id: the server stores a resend with the same id only once. */
  id: string;
  text: string;
  /** Files uploaded before sending; the message carries their ids. */
  attachments?: Attachment[];
  createdAt: number;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.text === 'string' && typeof v.createdAt === 'number' && (v.attachments === undefined || Array.isArray(v.attachments));
}

/**
 * Unacknowledged messages, in the order written, mirrored to storage so that a reload
 * or a closed tab loses nothing: they are resent after the next hello.
 */
export class Outbox {
  private entries: OutboxEntry[];

  constructor(
    private readonly storage: KeyValueStore,
    private readonly key: string,
  ) {
    this.entries = Outbox.read(storage, key);
  }

  private static read(storage: KeyValueStore, key: string): OutboxEntry[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return []; // corrupted by hand or by another script: start clean
    }
  }

  list(): readonly OutboxEntry[] {
    return this.entries;
  }

  has(id: string): boolean {
    return this.entries.some((e) => e.id === id);
  }

  add(entry: OutboxEntry): void {
    if (this.has(entry.id)) return;
    this.entries = [...this.entries, entry];
    this.save();
  }

  /** Returns the removed entry, if it was there. */
  remove(id: string): OutboxEntry | undefined {
    const found = this.entries.find((e) => e.id === id);
    if (!found) return undefined;
    this.entries = this.entries.filter((e) => e.id !== id);
    this.save();
    return found;
  }

  private save(): void {
    // A host page's Array.prototype.toJSON must not turn the stored list into a string.
    if (this.entries.length) this.storage.setItem(this.key, safeStringify(this.entries));
    else this.storage.removeItem(this.key);
  }
}
