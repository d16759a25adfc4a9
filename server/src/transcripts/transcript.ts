import { visibleToVisitor, type Conversation, type Language, type Message, type SystemEvent } from '@introserv/shared';
import { fill, transcriptStrings, type TranscriptStrings } from './transcript-locale.js';

export interface TranscriptInput {
  conversation: Conversation;
  messages: readonly Message[];
  /** The reader's language: role names and events are worded in it. */
  language: Language;
  /** A department's name for `transferred` events; the id when not given. */
  departmentName?: (id: string) => string;
  /**
   * `visitor` (the default): what the visitor saw, e.g. for a ticket the customer reads in the
   * Client Area. `staff`: also the operators' events (an escalation's progress). Internal notes
   * are in neither.
   */
  audience?: 'visitor' | 'staff';
}

interface Line {
  at: string;
  role: string;
  name: string | null;
  text: string;
  kind: 'text' | 'system';
}

/**
 * The lines of a transcript: every text and event, in order. Internal notes are never part
 * of a transcript, whoever reads it.
 */
function lines({ messages, language, departmentName = (id) => id, audience = 'visitor' }: TranscriptInput): Line[] {
  const t = transcriptStrings(language);
  return messages
    .filter((m) => m.kind !== 'note' && (audience === 'staff' || visibleToVisitor(m)))
    .map((m): Line => {
      const at = utc(m.createdAt);
      if (m.kind === 'system') return { at, role: t.role.system, name: null, text: m.event ? describeEvent(m.event, t, departmentName) : t.event.unknown, kind: 'system' };
      const role = m.author.kind === 'operator' ? t.role.operator : m.author.kind === 'visitor' ? t.role.visitor : t.role.system;
      // Files are named, not embedded: the transcript stays one small self-contained file.
      const files = m.attachments?.length ? `[${t.files}: ${m.attachments.map((a) => a.name).join(', ')}]` : '';
      const text = [m.text, files].filter(Boolean).join(' ');
      return { at, role, name: m.author.kind === 'operator' ? (m.author.name ?? null) : null, text, kind: 'text' };
    });
}

export function describeEvent(event: SystemEvent, t: TranscriptStrings, departmentName: (id: string) => string = (id) => id): string {
  switch (event.type) {
    case 'assigned':
      return fill(t.event.assigned, { name: event.operator.name });
    case 'requeued':
      return t.event.requeued;
    case 'transferred':
      return event.to
        ? fill(t.event.transferred, { name: event.to.name })
        : fill(t.event.transferredToDepartment, { department: departmentName(event.department ?? '') });
    case 'closed':
      return event.by === 'idle' ? t.event.closedIdle : t.event.closed;
    case 'reopened':
      return t.event.reopened;
    case 'ticket-created':
      return fill(t.event.ticketCreated, { number: event.ticket.number });
    case 'escalation':
      if (event.state === 'pending') return event.operator ? fill(t.event.escalationPending, { name: event.operator.name }) : t.event.escalationPendingNoName;
      return fill(event.state === 'failed' ? t.event.escalationFailed : t.event.escalationUnconfirmed, { reason: event.reason ?? '' });
    case 'queued':
      return fill(t.event.queued, { department: departmentName(event.department) });
  }
}

/** `2026-12-02 14:05:09 UTC` */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * `transcript.txt`: UTF-8, one line per message: UTC time, author role and name, text. A
 * message's own line breaks are shown as ` ⏎ ` so that each message stays one line.
 */
export function renderTranscriptText(input: TranscriptInput): string {
  const t = transcriptStrings(input.language);
  const head = [t.title, `${t.conversation}: ${input.conversation.id}`, `${t.started}: ${utc(input.conversation.createdAt)}`, `${t.language}: ${input.conversation.language}`, ''];
  const body = lines(input).map((l) => `${l.at}  ${l.name ? `${l.role} (${oneLine(l.name)})` : l.role}: ${oneLine(l.text)}`);
  return `${[...head, ...body].join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ⏎ ');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every text that reaches HTML goes through this: nothing a visitor or operator wrote is markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `transcript.html`: one self-contained page (inline styles, no script, no remote resource), every text escaped. */
export function renderTranscriptHtml(input: TranscriptInput): string {
  const t = transcriptStrings(input.language);
  const rows = lines(input)
    .map((l) => {
      const who = l.name ? `${escapeHtml(l.role)} · ${escapeHtml(l.name)}` : escapeHtml(l.role);
      return `<li class="${l.kind}"><div class="meta"><span class="who">${who}</span> <time>${escapeHtml(l.at)}</time></div><div class="text">${escapeHtml(l.text)}</div></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(input.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} · ${escapeHtml(input.conversation.id)}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;max-width:760px;margin:24px auto;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}.about{color:#57606a;margin:0 0 20px}
ol{list-style:none;margin:0;padding:0}li{margin:0 0 12px;padding:8px 12px;border-radius:8px;background:#f6f8fa}
li.system{background:none;color:#57606a;font-style:italic;text-align:center;padding:2px 12px}
.meta{font-size:12px;color:#57606a}.who{font-weight:600;color:#1f2328}li.system .who{display:none}
.text{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext}
</style>
</head>
<body>
<h1>${escapeHtml(t.title)}</h1>
<p class="about">${escapeHtml(t.conversation)}: ${escapeHtml(input.conversation.id)} · ${escapeHtml(t.started)}: ${escapeHtml(utc(input.conversation.createdAt))} · ${escapeHtml(t.timesInUtc)}</p>
<ol>
${rows}
</ol>
</body>
</html>
`;
}
