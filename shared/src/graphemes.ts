const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/**
 * The first `max` characters as people count them (grapheme clusters), as the server cuts
 * previews (server/src/conversations/preview.ts): no emoji or accent is cut in half. Without
 * Intl.Segmenter, whole code points.
 *
 * @example firstGraphemes('👩‍💻👩‍💻', 1) // '👩‍💻', not half a surrogate pair
 */
export function firstGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  if (!segmenter) return Array.from(text).slice(0, max).join('');
  let out = '';
  let n = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (n++ === max) break;
    out += segment;
  }
  return out;
}
