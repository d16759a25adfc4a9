/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode Bidirectional Algorithm, UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Isolates text from users (a name, a message) inside a sentence of ours, the plain-text
 * `<bdi>`: bidi controls in it (e.g. U+202E RIGHT-TO-LEFT OVERRIDE) cannot reorder what follows,
 * and a right-to-left name does not drag the sentence around it. Where the text has an element
 * of its own, render `<bdi>` instead.
 *
 * @example t('event.assigned', { name: isolate(operator.name) }) // "\u2068Ana\u2069 joined the chat"
 */
export function isolate(text: string): string {
  return FSI + text + PDI;
}

/** Removes the marks `isolate` adds (for comparing text in tests, and for copies to plain-text logs). */
export function unisolate(text: string): string {
  return text.replaceAll(FSI, '').replaceAll(PDI, '');
}
