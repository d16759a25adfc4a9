import type { ComponentChildren } from 'preact';

/**
 * Web and mail links in a message: http(s)://… and mailto:…, nothing else (no javascript:,
 * no data:). Punctuation that ends a sentence is not part of the link.
 */
const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;
const TRAILING = /[.,;:!?)\]}'’»]+$/;

/** Splits text into text and safe links; every piece is a text node or an `<a>` built by Preact, never parsed HTML. */
export function linkify(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = match[0];
    const href = raw.replace(TRAILING, '');
    const start = match.index;
    if (start > last) out.push(text.slice(last, start));
    out.push(
      <a href={href} target="_blank" rel="noopener noreferrer">
        {href}
      </a>,
    );
    last = start + href.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
