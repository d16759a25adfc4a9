import type { AttachmentType } from '@introserv/shared';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean => signature.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** Control characters a text log may contain: tab, line feed, form feed, carriage return, escape (ANSI colours). */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1b]);

/**
 * What a file really is, from its first bytes, never from its name or the type the browser
 * claimed: PNG, JPEG, GIF, WebP, PDF, or UTF-8 text without binary control characters (logs).
 * Anything else (SVG, HTML-as-image, archives, executables) is null: refused.
 *
 * @example sniffType(readFileSync('shot.png')) // 'image/png'
 */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return isPlainText(bytes) && !looksLikeMarkup(bytes) ? 'text/plain' : null;
}

/**
 * The openings the WHATWG MIME Sniffing standard reads as HTML (§7.1, "identifying a resource
 * with an unknown MIME type"), plus XML and SVG: text a browser could take for a page is not
 * a log, whatever it is called. https://mimesniff.spec.whatwg.org/#identifying-a-resource-with-an-unknown-mime-type
 */
const MARKUP = /^(?:\ufeff)?\s*<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|\?xml|svg)(?=[\s>/]|$)/i;

function looksLikeMarkup(bytes: Uint8Array): boolean {
  return MARKUP.test(new TextDecoder().decode(bytes.subarray(0, 512)));
}

function isPlainText(bytes: Uint8Array): boolean {
  try {
    // fatal: invalid UTF-8 throws, so binary data never passes as text.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (const b of bytes) if (b < 0x20 && !TEXT_CONTROLS.has(b)) return false;
  return true;
}
