import type { Operator } from '@introserv/shared';

/**
 * Operator accounts. Implementations: `MemoryOperatorStore`, `RedisOperatorStore`;
 * `operator.contract.ts` holds both to one behaviour.
 */
export interface OperatorStore {
  /** Creates or replaces; an e-mail another operator already has is refused. A changed e-mail frees the old one. */
  save(operator: OperatorRecord): Promise<{ ok: true } | { ok: false; reason: 'email_taken' }>;
  get(id: string): Promise<OperatorRecord | null>;
  /** Case-insensitive. */
  findByEmail(email: string): Promise<OperatorRecord | null>;
  list(): Promise<OperatorRecord[]>;
  count(): Promise<number>;
}

export interface OperatorRecord extends Operator {
  passwordHash: string;
}
