import { completeOperator, isActiveAdmin, type OperatorInput, type OperatorRecord, type OperatorStore, type SaveOutcome } from './operator.store.js';

export class MemoryOperatorStore implements OperatorStore {
  private readonly operators = new Map<string, OperatorRecord>();

  /** The record as stored, for the memory routing store's atomic steps (read only). */
  peek(id: string): Readonly<OperatorRecord> | undefined {
    return this.operators.get(id);
  }

  async save(input: OperatorInput): Promise<SaveOutcome> {
    const operator = completeOperator(input);
    const email = operator.email.toLowerCase();
    const holder = [...this.operators.values()].find((o) => o.email === email);
    if (holder && holder.id !== operator.id) return { ok: false, reason: 'email_taken' };
    const before = this.operators.get(operator.id);
    if (before && isActiveAdmin(before) && !isActiveAdmin(operator) && ![...this.operators.values()].some((o) => o.id !== operator.id && isActiveAdmin(o))) {
      return { ok: false, reason: 'last_admin' };
    }
    this.operators.set(operator.id, { ...operator, email });
    return { ok: true };
  }

  async get(id: string): Promise<OperatorRecord | null> {
    const o = this.operators.get(id);
    return o ? copy(o) : null;
  }

  async findByEmail(email: string): Promise<OperatorRecord | null> {
    const o = [...this.operators.values()].find((op) => op.email === email.toLowerCase());
    return o ? copy(o) : null;
  }

  async list(): Promise<OperatorRecord[]> {
    return [...this.operators.values()].map(copy).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async count(): Promise<number> {
    return this.operators.size;
  }
}

function copy(o: OperatorRecord): OperatorRecord {
  return { ...o, departments: [...o.departments], languages: [...o.languages] };
}
