import type { ConsoleRoutes } from '@introserv/shared';
import type { CannedService } from '../../canned/canned.service.js';
import type { RouteHandlers } from '../route-handler.js';

/** Canned responses: every operator reads them; admins create, change and delete them. */
export function cannedHandlers(canned: CannedService): Pick<RouteHandlers<ConsoleRoutes>, 'canned.list' | 'canned.create' | 'canned.update' | 'canned.delete'> {
  return {
    'canned.list': async () => ({ responses: await canned.list() }),
    'canned.create': async ({ body }) => ({ response: await canned.create(body) }),
    'canned.update': async ({ params, body }) => ({ response: await canned.update(params.id, body) }),
    'canned.delete': async ({ params }) => {
      await canned.delete(params.id);
      return undefined;
    },
  };
}
