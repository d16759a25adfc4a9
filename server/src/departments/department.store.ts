import type { Department } from '@introserv/shared';

/**
 * Departments: the built-in ones (general, technical, financial) always exist; admins add
 * more and rename any. Implementations: `MemoryDepartmentStore`, `RedisDepartmentStore`;
 * `department.contract.ts`.
 */
export interface DepartmentStore {
  /** The built-in departments first, then the added ones in the order they were added. */
  list(): Promise<Department[]>;
  get(id: string): Promise<Department | null>;
  /** Adds a department or replaces its names. */
  save(department: Department): Promise<void>;
}
