import { digitsOf, type LocalTicketRecord, type NewLocalTicket, type TicketStore } from './ticket.store.js';

export class MemoryTicketStore implements TicketStore {
  private readonly tickets = new Map<string, LocalTicketRecord>();
  private readonly byKey = new Map<string, string>();

  async create(key: string, ticket: NewLocalTicket, candidates: readonly string[]): Promise<{ ticket: LocalTicketRecord; created: boolean } | null> {
    const existing = this.byKey.get(key);
    if (existing) return { ticket: structuredClone(this.tickets.get(existing) as LocalTicketRecord), created: false };
    const number = candidates.find((c) => !this.tickets.has(digitsOf(c)));
    if (!number) return null;
    const record: LocalTicketRecord = { ...structuredClone(ticket), number };
    this.tickets.set(digitsOf(number), record);
    this.byKey.set(key, digitsOf(number));
    return { ticket: structuredClone(record), created: true };
  }

  async get(number: string): Promise<LocalTicketRecord | null> {
    const t = this.tickets.get(digitsOf(number));
    return t ? structuredClone(t) : null;
  }

  async list(limit: number): Promise<LocalTicketRecord[]> {
    return [...this.tickets.values()]
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map((t) => structuredClone(t));
  }
}
