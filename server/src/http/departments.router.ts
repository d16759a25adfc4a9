import { DepartmentCreate, DepartmentId, DepartmentRename, type DepartmentList } from '@introserv/shared';
import { Router, type RequestHandler } from 'express';
import type { DepartmentService } from '../departments/department.service.js';
import { parseWith } from './parse-body.js';

/** `/api/departments`: every operator reads the list; admins add (`POST`) and rename (`PUT /:id`). */
export function departmentsRouter(departments: DepartmentService, adminOnly: RequestHandler): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ departments: await departments.list() } satisfies DepartmentList);
  });
  router.post('/', adminOnly, async (req, res) => {
    res.status(201).json(await departments.create(parseWith(DepartmentCreate, req.body)));
  });
  router.put('/:id', adminOnly, async (req, res) => {
    const id = parseWith(DepartmentId, req.params.id);
    res.json(await departments.rename(id, parseWith(DepartmentRename, req.body).names));
  });
  return router;
}
