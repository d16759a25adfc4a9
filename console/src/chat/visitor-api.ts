import type { Language, Message, VisitorPanel } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';
import { consoleUrl } from '../api/route-url.js';

/** The visitor panel's calls: who the visitor is, their pages and conversations, and an earlier conversation's messages. */
export function visitorApi(client: ApiClient) {
  return {
    panel: (visitorId: string): Promise<VisitorPanel> => client.call('visitors.panel', { params: { id: visitorId } }),
    async messages(conversationId: string): Promise<Message[]> {
      return (await client.call('conversations.messages', { params: { id: conversationId } })).messages;
    },
  };
}

export type VisitorApi = ReturnType<typeof visitorApi>;

/** Where an operator reads a conversation's transcript (HTML, without internal notes), in their language. */
export function transcriptUrl(conversationId: string, lang: Language, format: 'html' | 'text' = 'html'): string {
  return consoleUrl('history.transcript', { params: { id: conversationId }, query: { format, lang } });
}
