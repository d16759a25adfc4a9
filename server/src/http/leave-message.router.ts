import { AppError, EntityId, ErrorCode, LeaveMessageInput, VisitorToken, type LeaveMessageResult } from '@introserv/shared';
import express, { Router } from 'express';
import type { OriginPolicy } from '../auth/origin-policy.js';
import { hashVisitorToken } from '../auth/visitor-token.js';
import type { VisitorStore } from '../conversations/visitor.store.js';
import type { EscalationService } from '../tickets/escalation.service.js';
import { parseWith } from './parse-body.js';
import { requireJson } from './request-guards.js';
import { noStore } from './security-headers.js';
import { widgetCors } from './widget-cors.js';

/**
 * `/widget/messages`: the widget's leave-a-message form. Called cross-origin from the sites
 * in ALLOWED_ORIGINS only (CORS answers no other origin), authorized by the visitor's token in
 * `X-Visitor-Token` (a visitor reads only their own messages), limited per visitor and address.
 */
export function leaveMessageRouter(deps: { origins: OriginPolicy; visitors: Pick<VisitorStore, 'findByToken'>; escalations: EscalationService }): Router {
  const router = Router();

  const cors = widgetCors(deps.origins, 'content-type, x-visitor-token');


  const visitorOf = async (header: string | undefined): Promise<string> => {
    const token = VisitorToken.safeParse(header);
    const visitor = token.success ? await deps.visitors.findByToken(hashVisitorToken(token.data)) : null;
    if (!visitor) throw new AppError(ErrorCode.Unauthenticated, 'say hello first: no valid X-Visitor-Token');
    return visitor.id;
  };

  router.use('/widget/messages', noStore, cors);

  router.post('/widget/messages', requireJson, express.json({ limit: '16kb' }), async (req, res) => {
    const visitorId = await visitorOf(req.get('x-visitor-token'));
    const input = parseWith(LeaveMessageInput, req.body);
    const { status, created } = await deps.escalations.leaveMessage(visitorId, input, req.ip ?? 'unknown');
    res.status(created ? 202 : 200).json({ message: status } satisfies LeaveMessageResult);
  });

  router.get('/widget/messages/:id', async (req, res) => {
    const visitorId = await visitorOf(req.get('x-visitor-token'));
    res.json({ message: await deps.escalations.visitorStatus(visitorId, parseWith(EntityId, req.params.id)) } satisfies LeaveMessageResult);
  });

  return router;
}
