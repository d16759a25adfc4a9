import { CET_ZONE, cetName, formatInZone, wallClockToInstant, type IncidentTime, type Language } from '@introserv/shared';
import { fill, transcriptStrings } from '../transcripts/transcript-locale.js';
import type { TicketDraft } from './escalation.store.js';

/** A part of the ticket's body: labelled one-line values, and free text (what someone wrote). */
export interface BodySection {
  title: string;
  rows: { label: string; value: string }[];
  /** Multi-line text shown as it was written (diagnostics, the visitor's message, the conversation). */
  blocks: { label: string | null; text: string }[];
}

/** Language names as their speakers write them. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский', hr: 'Hrvatski', tr: 'Türkçe', de: 'Deutsch', fr: 'Français' };

export interface BodyInput {
  draft: TicketDraft;
  marker: string;
  /** The conversation's lines (transcript.txt's body), or null when there was no chat. */
  conversation: string | null;
  operatorName: string | null;
  /** Attachments chosen but no longer available. */
  missingFiles: string[];
}

/**
 * The ticket's body, in the visitor's language: the incident first (what support needs to act),
 * then who the visitor is (and whether that is proved), then the conversation.
 */
export function composeBody({ draft, marker, conversation, operatorName, missingFiles }: BodyInput): BodySection[] {
  const t = transcriptStrings(draft.language).ticket;
  const given = (v: string | null | undefined) => (v?.trim() ? v.trim() : t.notGiven);
  const { incident, visitor: v, requester } = draft;

  const sections: BodySection[] = [
    {
      title: t.incident,
      rows: [
        { label: t.serverOrOrder, value: given(incident.serverOrOrder) },
        { label: t.serviceName, value: given(incident.serviceName) },
        { label: t.startedAt, value: incident.startedAt ? startedAtText(incident.startedAt, { CET: t.cet, CEST: t.cest }) : t.notGiven },
      ],
      blocks: incident.diagnostics ? [{ label: t.diagnostics, text: incident.diagnostics }] : [],
    },
  ];

  const verified = requester.kind === 'client';
  const local = v.timeZone ? formatInZone(draft.requestedAt, v.timeZone) : null;
  sections.push({
    title: t.visitor,
    rows: [
      { label: t.name, value: given(requester.name ?? v.name) },
      { label: t.email, value: given(requester.email ?? v.email) },
      { label: t.identity, value: verified ? fill(t.verified, { userId: requester.userId }) : t.unverified },
      { label: t.page, value: v.pageUrl ? (v.pageTitle ? `${v.pageUrl} (${v.pageTitle})` : v.pageUrl) : t.notGiven },
      { label: t.language, value: `${LANGUAGE_NAMES[draft.language]} (${draft.language})` },
      { label: t.localTime, value: local && v.timeZone ? `${local.date} ${local.time} (${v.timeZone})` : t.notGiven },
      { label: t.browser, value: given(v.userAgent) },
      { label: t.address, value: given(v.ip) },
      ...(v.country ? [{ label: t.country, value: v.country }] : []),
    ],
    blocks: draft.message ? [{ label: t.message, text: draft.message }] : [],
  });

  sections.push({
    title: t.conversation,
    rows: [],
    blocks: [{ label: null, text: conversation ?? t.noConversation }],
  });

  sections.push({
    title: t.reference,
    rows: [
      { label: '', value: marker },
      { label: '', value: operatorName ? fill(t.escalatedBy, { name: operatorName }) : t.leftMessage },
      ...(missingFiles.length ? [{ label: '', value: fill(t.attachmentsMissing, { names: missingFiles.join(', ') }) }] : []),
    ],
    blocks: [],
  });
  return sections;
}

/**
 * `2026-12-02 08:15 (Europe/Zagreb) = 08:15 CET`: the visitor's wall clock, and the same
 * instant in CET/CEST, the time INTROSERV's support works in (named as the language names it:
 * MEZ/MESZ in German).
 */
export function startedAtText(at: IncidentTime, names: Record<'CET' | 'CEST', string> = { CET: 'CET', CEST: 'CEST' }): string {
  const instant = wallClockToInstant(at.date, at.time, at.timeZone);
  const cet = instant === null ? null : formatInZone(instant, CET_ZONE);
  const own = `${at.date} ${at.time} (${at.timeZone})`;
  if (!cet || instant === null) return own;
  const cetText = cet.date === at.date ? cet.time : `${cet.date} ${cet.time}`;
  return `${own} = ${cetText} ${names[cetName(instant)]}`;
}

/** The body as plain text. */
export function renderBodyText(sections: readonly BodySection[]): string {
  return sections
    .map((s) => {
      const rows = s.rows.map((r) => (r.label ? `${r.label}: ${r.value}` : r.value));
      const blocks = s.blocks.map((b) => (b.label ? `${b.label}:\n${indent(b.text)}` : b.text));
      return [`== ${s.title} ==`, ...rows, ...blocks].join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

function indent(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Characters Markdown gives a meaning to: escaped in everything anyone typed. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~]/g;

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** A fenced block longer than any run of backticks inside: the text is shown exactly as written. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** The body as Markdown (WHMCS renders it): labels bold, values escaped, free text fenced. */
export function renderBodyMarkdown(sections: readonly BodySection[]): string {
  return sections
    .map((s) => {
      const rows = s.rows.map((r) => (r.label ? `- **${escapeMarkdown(r.label)}:** ${escapeMarkdown(r.value)}` : `- ${escapeMarkdown(r.value)}`));
      const blocks = s.blocks.map((b) => (b.label ? `**${escapeMarkdown(b.label)}:**\n\n${fenced(b.text)}` : fenced(b.text)));
      return [`### ${escapeMarkdown(s.title)}`, '', ...rows, ...(blocks.length ? ['', blocks.join('\n\n')] : [])].join('\n');
    })
    .join('\n\n')
    .concat('\n');
}
