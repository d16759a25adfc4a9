import { ProfileUpdate, type ColleagueList, type ConsoleConfig, type OperatorResult } from '@introserv/shared';
import { Router, type RequestHandler } from 'express';
import type { DepartmentService } from '../departments/department.service.js';
import { visible, type TeamService } from '../team/team.service.js';
import { parseWith } from './parse-body.js';
import { authenticated } from './request-guards.js';

/**
 * What every signed-in operator's console reads and sets beside the chats: its settings
 * (`GET /api/console-config`), whom a chat can be transferred to (`GET /api/colleagues`),
 * and their own name and password (`PATCH /api/profile`).
 */
export function workspaceRouter(deps: { team: TeamService; departments: DepartmentService; signedIn: RequestHandler; waitAlertSeconds: number; defaultCapacity: number }): Router {
  const router = Router();
  router.get('/console-config', deps.signedIn, async (_req, res) => {
    res.json({ departments: await deps.departments.list(), waitAlertSeconds: deps.waitAlertSeconds, defaultCapacity: deps.defaultCapacity } satisfies ConsoleConfig);
  });
  router.get('/colleagues', deps.signedIn, async (_req, res) => {
    res.json({ operators: await deps.team.colleagues() } satisfies ColleagueList);
  });
  router.patch('/profile', deps.signedIn, async (req, res) => {
    const { operator, key } = authenticated(res);
    const updated = await deps.team.updateProfile(operator, parseWith(ProfileUpdate, req.body), key);
    res.json({ operator: visible(updated) } satisfies OperatorResult);
  });
  return router;
}
