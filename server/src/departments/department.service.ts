import { AppError, ErrorCode, type Department } from '@introserv/shared';
import type { DepartmentStore } from './department.store.js';

/** Admins add departments and rename any; nobody deletes one (conversations keep their department). */
export class DepartmentService {
  constructor(
    private readonly store: DepartmentStore,
    /** Told after every change, so this process's cached list (widget settings) is read again. */
    private readonly changed: () => void = () => {},
  ) {}

  list(): Promise<Department[]> {
    return this.store.list();
  }

  async create(department: Department): Promise<Department> {
    if (await this.store.get(department.id)) throw new AppError(ErrorCode.AlreadyExists, `department "${department.id}" exists already`);
    await this.store.save(department);
    this.changed();
    return department;
  }

  async rename(id: string, names: Department['names']): Promise<Department> {
    if (!(await this.store.get(id))) throw new AppError(ErrorCode.NotFound, 'no such department');
    const department = { id, names };
    await this.store.save(department);
    this.changed();
    return department;
  }
}
