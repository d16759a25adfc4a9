import type { ConsoleRoutes } from '@introserv/shared';
import type { StatsService } from '../../stats/stats.service.js';
import type { RouteHandlers } from '../route-handler.js';

/** The dashboard's figures for the last 7 or 30 days (admins). */
export function statsHandlers(stats: Pick<StatsService, 'dashboard'>): Pick<RouteHandlers<ConsoleRoutes>, 'stats.dashboard'> {
  return { 'stats.dashboard': async ({ query }) => stats.dashboard(query.days) };
}
