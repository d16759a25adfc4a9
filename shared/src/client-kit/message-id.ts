/**
 * A UUID for a new message. `crypto.randomUUID` exists only in secure contexts, and the
 * widget may be embedded in a plain-http page, so fall back to getRandomValues.
 */
export function newMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
