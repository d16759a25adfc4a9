import { EntityId, OperatorCreate, OperatorUpdate, type OperatorList, type OperatorResult } from '@introserv/shared';
import { Router } from 'express';
import { visible, type TeamService } from '../team/team.service.js';
import { parseWith } from './parse-body.js';
import { authenticated } from './request-guards.js';

/** `/api/operators` (admins only, mounted behind requireOperator + requireAdmin): the team. */
export function teamRouter(team: TeamService): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ operators: await team.list() } satisfies OperatorList);
  });
  router.post('/', async (req, res) => {
    const created = await team.create(parseWith(OperatorCreate, req.body), authenticated(res).operator);
    res.status(201).json({ operator: visible(created) } satisfies OperatorResult);
  });
  router.patch('/:id', async (req, res) => {
    const id = parseWith(EntityId, req.params.id);
    const { operator, key } = authenticated(res);
    const updated = await team.update(id, parseWith(OperatorUpdate, req.body), operator, key);
    res.json({ operator: visible(updated) } satisfies OperatorResult);
  });
  return router;
}
