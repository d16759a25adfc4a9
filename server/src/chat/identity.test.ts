import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedIdentityText, verifyIdentity } from './identity.js';

const secret = 'site-secret-of-introserv';
const hmac = (text: string, key = secret) => createHmac('sha256', key).update(text).digest('hex');
/** What widget/README.md tells the host site to sign: user id, name and e-mail joined by NUL, absent ones empty. */
const signed = (userId: string, name = '', email = '', key = secret) => hmac(`${userId}\0${name}\0${email}`, key);

describe('verifyIdentity', () => {
  it('accepts the HMAC of user id, name and e-mail under the site secret, in either case of hex', () => {
    expect(verifyIdentity({ userId: '4242', name: 'Ana Kovač', email: 'ana@example.com', hash: signed('4242', 'Ana Kovač', 'ana@example.com') }, secret)).toBe(true);
    expect(verifyIdentity({ userId: '4242', name: 'Ana Kovač', hash: signed('4242', 'Ana Kovač').toUpperCase() }, secret)).toBe(true);
    expect(verifyIdentity({ userId: '4242', hash: signed('4242') }, secret)).toBe(true);
  });

  it('refuses a valid hash for user 42 with a name or e-mail it did not sign', () => {
    const hash = signed('42', 'Ivo', 'ivo@example.com');
    expect(verifyIdentity({ userId: '42', name: 'Ivo', email: 'ivo@example.com', hash }, secret)).toBe(true);
    expect(verifyIdentity({ userId: '42', name: 'INTROSERV CEO', email: 'ivo@example.com', hash }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '42', name: 'Ivo', email: 'ceo@introserv.com', hash }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '42', name: 'Ivo', hash }, secret)).toBe(false);
    // The hash of the user id alone vouches for no name or e-mail.
    expect(verifyIdentity({ userId: '42', name: 'INTROSERV CEO', email: 'ceo@introserv.com', hash: hmac('42') }, secret)).toBe(false);
    // A name is signed exactly as given: no trimming on either side.
    expect(verifyIdentity({ userId: '42', name: ' Ivo', email: 'ivo@example.com', hash }, secret)).toBe(false);
  });

  it('cannot be fooled by moving text across the separators', () => {
    expect(signedIdentityText({ userId: '42', name: 'a', email: 'b@example.com' })).toBe('42\u0000a\u0000b@example.com');
    expect(signedIdentityText({ userId: '42', email: 'b@example.com' })).toBe('42\u0000\u0000b@example.com');
    expect(signedIdentityText({ userId: '42', name: 'b@example.com' })).toBe('42\u0000b@example.com\u0000');
  });

  it('refuses another user’s hash, another secret’s, a truncated one, and everything without a secret', () => {
    expect(verifyIdentity({ userId: '4243', hash: signed('4242') }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '4242', hash: signed('4242', '', '', 'other-secret') }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '4242', hash: signed('4242').slice(0, 62) }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '4242', hash: signed('4242') }, undefined)).toBe(false);
  });
});
