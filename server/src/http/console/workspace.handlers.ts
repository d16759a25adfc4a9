import type { ConsoleRoutes } from '@introserv/shared';
import type { DepartmentService } from '../../departments/department.service.js';
import { visible, type TeamService } from '../../team/team.service.js';
import type { RouteHandlers } from '../route-handler.js';

/**
 * What every signed-in operator's console reads and sets beside the chats: its settings,
 * whom a chat can be transferred to, and their own name and password.
 */
export function workspaceHandlers(deps: {
  team: TeamService;
  departments: Pick<DepartmentService, 'list'>;
  waitAlertSeconds: number;
  defaultCapacity: number;
}): Pick<RouteHandlers<ConsoleRoutes>, 'consoleConfig.get' | 'colleagues.list' | 'profile.update'> {
  return {
    'consoleConfig.get': async () => ({ departments: await deps.departments.list(), waitAlertSeconds: deps.waitAlertSeconds, defaultCapacity: deps.defaultCapacity }),
    'colleagues.list': async () => ({ operators: await deps.team.colleagues() }),
    'profile.update': async ({ body, auth }) => ({ operator: visible(await deps.team.updateProfile(auth.operator, body, auth.key)) }),
  };
}
