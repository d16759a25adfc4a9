import type { ConsoleRoutes } from '@introserv/shared';
import { visible, type TeamService } from '../../team/team.service.js';
import type { RouteHandlers } from '../route-handler.js';

/** The team (admins): list, add, change or disable an operator. */
export function teamHandlers(team: TeamService): Pick<RouteHandlers<ConsoleRoutes>, 'operators.list' | 'operators.create' | 'operators.update'> {
  return {
    'operators.list': async () => ({ operators: await team.list() }),
    'operators.create': async ({ body, auth }) => ({ operator: visible(await team.create(body, auth.operator)) }),
    'operators.update': async ({ params, body, auth }) => ({ operator: visible(await team.update(params.id, body, auth.operator, auth.key)) }),
  };
}
