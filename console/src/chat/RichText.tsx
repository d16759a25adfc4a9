import type { ComponentChildren } from 'preact';

/**
 * Web and mail links in a message: `http(s)://…`, `mailto:…` and bare e-mail addresses.
 * Nothing else becomes a link (no `javascript:`, `data:` or other schemes), and the text is
 * never parsed as HTML.
 */
const LINK = /\b(?:https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/giu;

/** Punctuation that ends a sentence rather than the link: "see https://x.com/a." */
const TRAILING = /[.,;:!?)\]}'"»]+$/u;

export interface Segment {
  text: string;
  href?: string;
}

/** Splits a message into text and links, each link with the address it opens. */
export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    let raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    // A closing bracket belongs to the link when it also opened one inside it (Wikipedia-style URLs).
    if (trailing) raw = raw.slice(0, raw.length - trailing.length);
    const start = match.index;
    const href = hrefOf(raw);
    if (!href) continue;
    if (start > last) out.push({ text: text.slice(last, start) });
    out.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

function hrefOf(raw: string): string | null {
  const candidate = /^(https?:|mailto:)/i.test(raw) ? raw : `mailto:${raw}`;
  try {
    const url = new URL(candidate);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** A message's text with its links clickable; opened in a new tab with no opener and no referrer. */
export function RichText({ text }: { text: string }): ComponentChildren {
  return linkify(text).map((s, i) =>
    s.href ? (
      <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
        {s.text}
      </a>
    ) : (
      s.text
    ),
  );
}
