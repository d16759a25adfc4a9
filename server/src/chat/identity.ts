import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VisitorIdentity } from '@introserv/shared';

/**
 * Whether the host page really vouches for this Client Area user: `hash` must be
 * HMAC-SHA256(userId) under the site's secret, in hex. Without a secret configured,
 * nobody is verified. Compared in constant time.
 *
 * @example verifyIdentity({ userId: '42', hash: hmacHex(secret, '42') }, secret) // true
 */
export function verifyIdentity(identity: Pick<VisitorIdentity, 'userId' | 'hash'>, secret: string | undefined): boolean {
  if (!secret) return false;
  const expected = createHmac('sha256', secret).update(identity.userId).digest();
  const given = Buffer.from(identity.hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
