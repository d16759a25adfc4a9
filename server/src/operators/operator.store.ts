import type { Operator } from '@introserv/shared';

/**
 * Operator accounts. Implementations: `MemoryOperatorStore`, `RedisOperatorStore`;
 * `operator.contract.ts` holds both to one behaviour.
 */
export interface OperatorStore {
  /**
   * Creates or replaces; an e-mail another operator already has is refused. A changed e-mail
   * frees the old one. A save that would leave no enabled admin (the last one demoted or
   * disabled) is refused in the same atomic step, so two admins demoting each other at once
   * cannot both succeed.
   */
  save(operator: OperatorInput): Promise<SaveOutcome>;
  get(id: string): Promise<OperatorRecord | null>;
  /** Case-insensitive. */
  findByEmail(email: string): Promise<OperatorRecord | null>;
  list(): Promise<OperatorRecord[]>;
  count(): Promise<number>;
}

export interface OperatorRecord extends Operator {
  passwordHash: string;
}

/**
 * What `save` takes: a record whose departments, languages and auto-assignment may be left
 * out, meaning every department, every language, auto-assigned (as records written before
 * those fields existed read back). What the store returns is always complete.
 */
export type OperatorInput = Omit<OperatorRecord, 'departments' | 'languages' | 'autoAssign'> & Partial<Pick<OperatorRecord, 'departments' | 'languages' | 'autoAssign'>>;

/** The record with the defaults of the fields an input may leave out. */
export function completeOperator(op: OperatorInput): OperatorRecord {
  return { ...op, departments: [...(op.departments ?? [])], languages: [...(op.languages ?? [])], autoAssign: op.autoAssign ?? true };
}

export type SaveOutcome = { ok: true } | { ok: false; reason: 'email_taken' | 'last_admin' };

/** Whether the record counts as an admin who can act: the role, and not disabled. */
export function isActiveAdmin(op: Pick<OperatorRecord, 'role' | 'disabled'>): boolean {
  return op.role === 'admin' && !op.disabled;
}
