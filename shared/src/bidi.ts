/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (Unicode Bidirectional Algorithm, UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';

declare const isolated: unique symbol;

/**
 * Text fit to go into a sentence of ours: between FSI and PDI. Both UIs' `t()` take only
 * numbers and `Isolated` strings as values, so no name or file name can reach a sentence
 * without `isolate` (the typecheck says where one would).
 */
export type Isolated = string & { readonly [isolated]: true };

/**
 * Isolates text from users (a name, a message) inside a sentence of ours, the plain-text
 * `<bdi>`: bidi controls in it (e.g. U+202E RIGHT-TO-LEFT OVERRIDE) cannot reorder what follows,
 * and a right-to-left name does not drag the sentence around it. Where the text has an element
 * of its own, render `<bdi>` instead.
 *
 * @example t('event.assigned', { name: isolate(operator.name) }) // "\u2068Ana\u2069 joined the chat"
 */
export function isolate(text: string): Isolated {
  return (FSI + text + PDI) as Isolated;
}

/** Removes the marks `isolate` adds (for comparing text in tests, and for copies to plain-text logs). */
export function unisolate(text: string): string {
  return text.replaceAll(FSI, '').replaceAll(PDI, '');
}
