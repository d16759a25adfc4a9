import type { LocalTicket } from '@introserv/shared';

/**
 * The `local` provider's help desk: tickets kept in the store, numbered `#` and six digits,
 * listed and shown in the console. Implementations: `MemoryTicketStore`, `RedisTicketStore`;
 * `ticket.contract.ts`.
 */
export interface TicketStore {
  /**
   * Files a ticket once per key (the escalation's id): the same key returns the first ticket
   * with `created: false`. The number is the first of `candidates` not taken; null when every
   * candidate is taken (the caller draws new ones).
   */
  create(key: string, ticket: NewLocalTicket, candidates: readonly string[]): Promise<{ ticket: LocalTicketRecord; created: boolean } | null>;
  /** By number, with or without its `#`. */
  get(number: string): Promise<LocalTicketRecord | null>;
  /** Newest first. */
  list(limit: number): Promise<LocalTicketRecord[]>;
}

/** A file of a local ticket: a transcript (its text kept here) or a chat attachment (by reference). */
export interface LocalTicketFileRecord {
  name: string;
  type: string;
  size: number;
  text?: string;
  attachmentId?: string;
}

export interface LocalTicketRecord extends Omit<LocalTicket, 'files'> {
  files: LocalTicketFileRecord[];
}

export type NewLocalTicket = Omit<LocalTicketRecord, 'number'>;

/** `#` and six digits, the first not 0: how INTROSERV numbers tickets and orders (`#123456`). */
export function randomTicketNumber(random: () => number = Math.random): string {
  return `#${100_000 + Math.floor(random() * 900_000)}`;
}

export const digitsOf = (number: string): string => number.replace(/^#/, '');
