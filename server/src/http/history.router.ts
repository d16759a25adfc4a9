import { AppError, EntityId, ErrorCode, HistoryQuery, HistoryTranscriptQuery, type Department, type HistoryPage } from '@introserv/shared';
import { Router } from 'express';
import type { ChatService } from '../chat/chat.service.js';
import type { HistoryService } from '../history/history.service.js';
import { renderTranscriptHtml, renderTranscriptText } from '../transcripts/transcript.js';
import { parseWith } from './parse-body.js';

/**
 * `/api/history`: closed conversations with search (`GET /?q=&from=&to=&before=`), and any
 * conversation's transcript (`GET /:id/transcript?format=html|text&lang=`), never with notes.
 */
export function historyRouter(deps: { history: HistoryService; chat: ChatService; departments: { list(): Promise<Department[]> } }): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json((await deps.history.search(parseWith(HistoryQuery, req.query))) satisfies HistoryPage);
  });
  router.get('/:id/transcript', async (req, res) => {
    const id = parseWith(EntityId, req.params.id);
    const { format, lang } = parseWith(HistoryTranscriptQuery, req.query);
    const { conversation, messages } = await deps.chat.transcriptSource(id);
    if (!conversation) throw new AppError(ErrorCode.NotFound, 'no such conversation');
    const language = lang ?? conversation.language;
    const departments = await deps.departments.list();
    const departmentName = (d: string) => departments.find((x) => x.id === d)?.names[language] ?? departments.find((x) => x.id === d)?.names.en ?? d;
    const input = { conversation, messages, language, departmentName };
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', `inline; filename="transcript-${id}.${format === 'html' ? 'html' : 'txt'}"`);
    if (format === 'html') {
      // A page of its own: nothing in it may run, load or frame anything.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      res.type('html').send(renderTranscriptHtml(input));
    } else {
      res.type('text/plain; charset=utf-8').send(renderTranscriptText(input));
    }
  });
  return router;
}
