import { ConversationListQuery, EntityId, MessageListQuery, type ConversationList, type MessageList } from '@introserv/shared';
import { Router } from 'express';
import type { ChatService } from '../chat/chat.service.js';
import { parseWith } from './parse-body.js';

/** `/api/conversations`: the console's list and history reads (writes go over the socket). */
export function conversationsRouter(chat: ChatService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { status } = parseWith(ConversationListQuery, req.query);
    res.json({ conversations: await chat.list(status) } satisfies ConversationList);
  });

  router.get('/:id/messages', async (req, res) => {
    const id = parseWith(EntityId, req.params.id);
    const { since } = parseWith(MessageListQuery, req.query);
    res.json({ messages: await chat.messages(id, since) } satisfies MessageList);
  });

  return router;
}
