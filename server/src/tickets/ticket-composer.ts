import { compareCursor, visibleToVisitor, type Message } from '@introserv/shared';
import type { ConversationStore } from '../conversations/conversation.store.js';
import { renderTranscriptHtml, renderTranscriptText } from '../transcripts/transcript.js';
import type { AttachmentSource } from './attachment-source.js';
import type { EscalationRecord } from './escalation.store.js';
import { composeBody, renderBodyMarkdown, renderBodyText } from './ticket-body.js';
import type { OutgoingTicket, TicketFile } from './ticket-provider.js';

/** The most messages a ticket's transcript carries (the newest kept). */
export const TRANSCRIPT_MAX_MESSAGES = 1_000;

export interface ComposerPorts {
  conversations: Pick<ConversationStore, 'get' | 'messagesAfter'>;
  attachments: AttachmentSource;
}

/**
 * Builds the ticket an escalation stands for, as it was when it was requested: the body in
 * the visitor's language, the conversation up to the request (what the visitor saw: no notes,
 * no operators' events) as `transcript.txt` and `transcript.html`, and the chosen attachments.
 * The same record always composes the same ticket, so a retry sends what the first try sent.
 */
export async function composeTicket(record: EscalationRecord, ports: ComposerPorts): Promise<OutgoingTicket> {
  const { draft } = record;
  const conversation = record.conversationId ? await ports.conversations.get(record.conversationId) : null;
  const messages = conversation && draft.throughCursor ? await historyThrough(ports.conversations, conversation.id, draft.throughCursor) : [];
  const visible = messages.filter(visibleToVisitor);

  const files: TicketFile[] = [];
  let lines: string | null = null;
  if (conversation && visible.length > 0) {
    const text = renderTranscriptText({ conversation, messages: visible, language: draft.language });
    files.push({ name: 'transcript.txt', type: 'text/plain; charset=utf-8', bytes: Buffer.from(text) });
    files.push({ name: 'transcript.html', type: 'text/html; charset=utf-8', bytes: Buffer.from(renderTranscriptHtml({ conversation, messages: visible, language: draft.language })) });
    lines = transcriptLines(text);
  }
  const missing: string[] = [];
  for (const id of draft.attachmentIds) {
    const file = await ports.attachments.read(id);
    const named = messages.flatMap((m) => m.attachments ?? []).find((a) => a.id === id);
    if (file) files.push({ name: file.name, type: file.type, bytes: file.bytes, attachmentId: id });
    else missing.push(named?.name ?? id);
  }

  const sections = composeBody({ draft, marker: record.marker, conversation: lines, operatorName: record.createdBy?.name ?? null, missingFiles: missing });
  return {
    key: record.id,
    marker: record.marker,
    subject: `${draft.subject} [${record.marker}]`,
    department: draft.department,
    priority: draft.priority,
    requester: draft.requester,
    text: renderBodyText(sections),
    markdown: renderBodyMarkdown(sections),
    files,
    facts: {
      escalationId: record.id,
      conversationId: record.conversationId,
      source: record.source,
      language: draft.language,
      incident: draft.incident,
      visitor: draft.visitor,
      operator: record.createdBy,
      message: draft.message,
      requestedAt: draft.requestedAt,
    },
  };
}

/** transcript.txt without its heading: the lines that start with a time. */
function transcriptLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l))
    .join('\n');
}

/** The conversation's messages from its start through `cursor` (the newest TRANSCRIPT_MAX_MESSAGES of them). */
async function historyThrough(store: ComposerPorts['conversations'], conversationId: string, cursor: string): Promise<Message[]> {
  const out: Message[] = [];
  let since: string | undefined;
  for (;;) {
    const page = await store.messagesAfter(conversationId, since, 200);
    for (const m of page) {
      if (compareCursor(m.cursor, cursor) > 0) return out.slice(-TRANSCRIPT_MAX_MESSAGES);
      out.push(m);
    }
    if (page.length < 200) return out.slice(-TRANSCRIPT_MAX_MESSAGES);
    since = page.at(-1)?.cursor;
    if (out.length > TRANSCRIPT_MAX_MESSAGES * 2) out.splice(0, out.length - TRANSCRIPT_MAX_MESSAGES);
  }
}

