import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VisitorIdentity } from '@introserv/shared';

/**
 * The text the host site signs: user id, name and e-mail exactly as passed to `identify()`,
 * joined by NUL (U+0000), an absent name or e-mail as the empty string. NUL cannot occur in
 * the fields (the schema refuses it), so no text can move from one field into another; and
 * NUL-joined strings are built the same way in every language (widget/README.md shows Node and PHP).
 *
 * @example signedIdentityText({ userId: '42', name: 'Ana' }) // '42\u0000Ana\u0000'
 */
export function signedIdentityText(identity: Pick<VisitorIdentity, 'userId' | 'name' | 'email'>): string {
  return [identity.userId, identity.name ?? '', identity.email ?? ''].join('\u0000');
}

/**
 * Whether the host page really vouches for this Client Area user, with this name and e-mail:
 * `hash` must be HMAC-SHA256(`signedIdentityText`) under the site's secret, in hex. Everything
 * shown as verified is signed: a customer's valid hash for their own account cannot carry
 * someone else's name. Without a secret configured, nobody is verified. Compared in constant time.
 *
 * @example verifyIdentity({ userId: '42', name: 'Ana', hash: hmacHex(secret, '42\u0000Ana\u0000') }, secret) // true
 */
export function verifyIdentity(identity: Pick<VisitorIdentity, 'userId' | 'name' | 'email' | 'hash'>, secret: string | undefined): boolean {
  if (!secret) return false;
  const expected = createHmac('sha256', secret).update(signedIdentityText(identity)).digest();
  const given = Buffer.from(identity.hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
