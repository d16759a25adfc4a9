import type { ConsoleRoutes } from '@introserv/shared';
import type { DepartmentService } from '../../departments/department.service.js';
import type { RouteHandlers } from '../route-handler.js';

/** Every operator reads the departments; admins add and rename them. */
export function departmentHandlers(departments: DepartmentService): Pick<RouteHandlers<ConsoleRoutes>, 'departments.list' | 'departments.create' | 'departments.rename'> {
  return {
    'departments.list': async () => ({ departments: await departments.list() }),
    'departments.create': async ({ body }) => departments.create(body),
    'departments.rename': async ({ params, body }) => departments.rename(params.id, body.names),
  };
}
