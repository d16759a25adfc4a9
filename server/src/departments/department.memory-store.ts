import { BUILT_IN_DEPARTMENTS, type Department } from '@introserv/shared';
import type { DepartmentStore } from './department.store.js';

export class MemoryDepartmentStore implements DepartmentStore {
  private readonly departments = new Map<string, Department>(BUILT_IN_DEPARTMENTS.map((id) => [id, { id, names: {} }]));

  async list(): Promise<Department[]> {
    return [...this.departments.values()].map((d) => structuredClone(d));
  }

  async get(id: string): Promise<Department | null> {
    const d = this.departments.get(id);
    return d ? structuredClone(d) : null;
  }

  async save(department: Department): Promise<void> {
    this.departments.set(department.id, structuredClone(department));
  }
}
