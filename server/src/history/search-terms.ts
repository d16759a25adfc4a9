/** Words shorter than this are not indexed (and not searched for). */
const MIN_WORD = 2;
/** Longer words are cut: a hash or a URL is not what people search by. */
const MAX_WORD = 40;
/** At most this many terms per conversation, so one long chat cannot grow the index without bound. */
export const MAX_TERMS = 1000;

/**
 * The words of a text as the index keeps them: lower case, without accents (é → e, ć → c,
 * so "Zeljko" finds "Željko"), split on anything that is not a letter or digit.
 *
 * @example words('Mein Server 203.0.113.7 antwortet NICHT') // ['mein', 'server', '203', '113', 'antwortet', 'nicht']
 */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= MIN_WORD)
    .map((w) => w.slice(0, MAX_WORD));
}

/**
 * The terms a closed conversation is found by: every word of its messages, and the words
 * of the visitor's name and e-mail with each of their beginnings too (so "ana" finds
 * "Anastasia" and "ana.k@example.com").
 */
export function documentTerms(doc: { name: string | null; email: string | null; texts: readonly string[] }): string[] {
  const terms = new Set<string>();
  for (const field of [doc.name, doc.email]) {
    for (const w of words(field ?? '')) for (let n = MIN_WORD; n <= w.length; n++) terms.add(w.slice(0, n));
  }
  for (const text of doc.texts) {
    for (const w of words(text)) {
      if (terms.size >= MAX_TERMS) return [...terms];
      terms.add(w);
    }
  }
  return [...terms];
}

/** The terms a search asks for; every one must match. At most 8 (a longer query says no more). */
export function queryTerms(q: string): string[] {
  return [...new Set(words(q))].slice(0, 8);
}
