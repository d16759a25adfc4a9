import { LIMITS } from '@introserv/shared';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A list preview: the first LIMITS.previewMax characters as people count them (grapheme
 * clusters), so no letter, accent or emoji is cut in half, whatever its size in UTF-8 or UTF-16.
 *
 * @example previewOf('👩‍💻'.repeat(300)).length // 200 emoji, not 200 code units
 */
export function previewOf(text: string, max: number = LIMITS.previewMax): string {
  if (text.length <= max) return text;
  let out = '';
  let n = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (n++ === max) break;
    out += segment;
  }
  return out;
}
