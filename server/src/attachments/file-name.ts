import type { AttachmentType } from '@introserv/shared';

/**
 * The extensions that may end the name of a file of each type; the first is the one added.
 * Text keeps `.log` (what visitors mostly send) beside `.txt`: both open in a text editor
 * everywhere. Everything else a text file may be called (`.js`, `.bat`, `.html`, `.csv`, `.svg`)
 * is a program, a page or a spreadsheet to some system that opens it by its name.
 */
const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log'],
};

const NAME_MAX = 255;

/**
 * Bidi controls: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 * implicit marks (U+200E, U+200F, U+061C). In a file name they only deceive: U+202E shows
 * `invoice‮gnp.js` as `invoicesj.png`.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name fit for display and for a Content-Disposition header: no path, no control or
 * bidi characters, no trailing dots or spaces (Windows drops them, so `fix.bat.` would run as
 * `fix.bat`), bounded.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').replace(BIDI_CONTROLS, '').trim().replace(/[.\s]+$/, '').slice(0, NAME_MAX);
  return clean || 'file';
}

/**
 * The name a file is stored and downloaded under: the uploader's, cleaned, ending in an
 * extension of the type its bytes are. A name that says something else keeps what it said
 * and gets the type's extension after it (`report.html` → `report.html.txt`): the operator
 * still reads what the visitor called it, and every system opens it for what it is.
 * Idempotent, so names stored before the rule are fixed when read.
 *
 * @example storedFileName('invoice.js', 'text/plain') // 'invoice.js.txt'
 * @example storedFileName('error.log', 'text/plain') // 'error.log'
 */
export function storedFileName(raw: string, type: string): string {
  const name = cleanFileName(raw);
  // A record's type is one of ATTACHMENT_TYPES; anything else keeps its cleaned name.
  const allowed = (EXTENSIONS as Partial<Record<string, readonly string[]>>)[type];
  if (!allowed) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (allowed.includes(extension)) return name;
  const suffix = `.${allowed[0]}`;
  return name.slice(0, NAME_MAX - suffix.length) + suffix;
}
