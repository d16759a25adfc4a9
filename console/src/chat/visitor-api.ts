import { MessageList, VisitorPanel, type Message } from '@introserv/shared';
import type { ApiClient } from '../api/client.js';

/** The visitor panel's calls: who the visitor is, their pages and conversations, and an earlier conversation's messages. */
export function visitorApi(client: ApiClient) {
  return {
    panel: (visitorId: string): Promise<VisitorPanel> => client.get(`/api/visitors/${encodeURIComponent(visitorId)}`, VisitorPanel),
    async messages(conversationId: string): Promise<Message[]> {
      return (await client.get(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, MessageList)).messages;
    },
  };
}

export type VisitorApi = ReturnType<typeof visitorApi>;

/** Where an operator reads a conversation's transcript (HTML, without internal notes), in their language. */
export function transcriptUrl(conversationId: string, lang: string, format: 'html' | 'text' = 'html'): string {
  return `/api/history/${encodeURIComponent(conversationId)}/transcript?format=${format}&lang=${encodeURIComponent(lang)}`;
}
