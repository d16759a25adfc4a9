import { AppError, ErrorCode, type ConsoleRoutes, type Department } from '@introserv/shared';
import type { ChatService } from '../../chat/chat.service.js';
import type { HistoryService } from '../../history/history.service.js';
import { renderTranscriptHtml, renderTranscriptText } from '../../transcripts/transcript.js';
import type { RouteHandlers } from '../route-handler.js';

/** Closed conversations with search, and any conversation's transcript, never with notes. */
export function historyHandlers(deps: {
  history: Pick<HistoryService, 'search'>;
  chat: Pick<ChatService, 'transcriptSource'>;
  departments: { list(): Promise<Department[]> };
}): Pick<RouteHandlers<ConsoleRoutes>, 'history.search' | 'history.transcript'> {
  return {
    'history.search': async ({ query }) => deps.history.search(query),
    'history.transcript': async ({ params: { id }, query: { format, lang }, res }) => {
      const { conversation, messages } = await deps.chat.transcriptSource(id);
      if (!conversation) throw new AppError(ErrorCode.NotFound, 'no such conversation');
      const language = lang ?? conversation.language;
      const departments = await deps.departments.list();
      const departmentName = (d: string) => departments.find((x) => x.id === d)?.names[language] ?? departments.find((x) => x.id === d)?.names.en ?? d;
      const input = { conversation, messages, language, departmentName };
      res.setHeader('Content-Disposition', `inline; filename="transcript-${id}.${format === 'html' ? 'html' : 'txt'}"`);
      if (format === 'html') {
        // A page of its own: nothing in it may run, load or frame anything.
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        res.type('html').send(renderTranscriptHtml(input));
      } else {
        res.type('text/plain; charset=utf-8').send(renderTranscriptText(input));
      }
      return undefined;
    },
  };
}
