import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyIdentity } from './identity.js';

const secret = 'site-secret-of-introserv';
const hmac = (userId: string, key = secret) => createHmac('sha256', key).update(userId).digest('hex');

describe('verifyIdentity', () => {
  it('accepts the HMAC of the user id under the site secret, in either case of hex', () => {
    expect(verifyIdentity({ userId: '4242', hash: hmac('4242') }, secret)).toBe(true);
    expect(verifyIdentity({ userId: '4242', hash: hmac('4242').toUpperCase() }, secret)).toBe(true);
  });

  it('refuses another user’s hash, another secret’s, a truncated one, and everything without a secret', () => {
    expect(verifyIdentity({ userId: '4243', hash: hmac('4242') }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '4242', hash: hmac('4242', 'other-secret') }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '4242', hash: hmac('4242').slice(0, 62) }, secret)).toBe(false);
    expect(verifyIdentity({ userId: '4242', hash: hmac('4242') }, undefined)).toBe(false);
  });
});
