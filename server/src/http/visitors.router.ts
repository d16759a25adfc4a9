import { EntityId, type VisitorPanel } from '@introserv/shared';
import { Router } from 'express';
import type { ChatService } from '../chat/chat.service.js';
import { parseWith } from './parse-body.js';

/** `/api/visitors/:id`: the visitor panel's profile, pages of this visit and earlier conversations. */
export function visitorsRouter(chat: ChatService): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const { visitor, pages, conversations } = await chat.visitorPanel(parseWith(EntityId, req.params.id));
    res.json({
      visitor: { id: visitor.id, name: visitor.name, email: visitor.email, verified: visitor.verified, userId: visitor.userId },
      pages,
      conversations,
    } satisfies VisitorPanel);
  });
  return router;
}
