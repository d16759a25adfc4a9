import { EntityId, EscalationInput, EscalationListQuery, type EscalationList, type EscalationProposal, type EscalationResult } from '@introserv/shared';
import { Router } from 'express';
import type { EscalationService } from '../tickets/escalation.service.js';
import { parseWith } from './parse-body.js';
import { authenticated } from './request-guards.js';

/** `/api/conversations/:id/escalations…`: the form's proposal, the conversation's escalations, escalating. */
export function conversationEscalationsRouter(escalations: EscalationService): Router {
  const router = Router();

  router.get('/:id/escalations/proposal', async (req, res) => {
    res.json((await escalations.proposal(parseWith(EntityId, req.params.id))) satisfies EscalationProposal);
  });

  router.get('/:id/escalations', async (req, res) => {
    res.json({ escalations: await escalations.list(parseWith(EntityId, req.params.id)) } satisfies EscalationList);
  });

  router.post('/:id/escalations', async (req, res) => {
    const id = parseWith(EntityId, req.params.id);
    const input = parseWith(EscalationInput, req.body);
    const { operator } = authenticated(res);
    const { escalation, created } = await escalations.escalate(operator, id, input);
    res.status(created ? 201 : 200).json({ escalation } satisfies EscalationResult);
  });

  return router;
}

/** `/api/escalations`: every escalation needing attention (the console's alert), and the operator's retry. */
export function escalationsRouter(escalations: EscalationService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { attention } = parseWith(EscalationListQuery, req.query);
    res.json({ escalations: attention === 'true' ? await escalations.attention() : await escalations.recent(100) } satisfies EscalationList);
  });

  router.post('/:id/retry', async (req, res) => {
    const escalation = await escalations.retry(authenticated(res).operator, parseWith(EntityId, req.params.id));
    res.json({ escalation } satisfies EscalationResult);
  });

  return router;
}
