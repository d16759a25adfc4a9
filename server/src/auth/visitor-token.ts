import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { VisitorToken } from '@introserv/shared';
import type { VisitorRecord, VisitorStore } from '../conversations/visitor.store.js';

/**
 * A visitor's credential: a random token their browser keeps (localStorage), sent in the
 * `hello` of every socket and as `Authorization: Bearer <token>` on every widget HTTP call.
 * The store keeps only its hash, so a copy of the store alone cannot act as a visitor.
 * The one home of issuing, hashing and resolving it: the visitor namespace and the widget's
 * HTTP routes both go through `VisitorTokens`.
 */

/** The stored form of a token (SHA-256, base64url): what `VisitorStore.findByToken` looks up. */
export function hashVisitorToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** `Authorization: Bearer <token>` → the token when it is well-formed, else null (nothing is looked up). */
export function bearerVisitorToken(header: string | undefined): string | null {
  const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  return token !== undefined && VisitorToken.safeParse(token).success ? token : null;
}

/** A new visitor and the token that names them (shown to the browser once, stored hashed). */
export interface IssuedVisitor {
  token: string;
  visitor: VisitorRecord;
}

export class VisitorTokens {
  constructor(private readonly visitors: Pick<VisitorStore, 'create' | 'findByToken'>) {}

  /** Makes a new visitor with a fresh token (32 random bytes). */
  async issue(): Promise<IssuedVisitor> {
    const token = randomBytes(32).toString('base64url');
    const id = `v_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await this.visitors.create(hashVisitorToken(token), id);
    return { token, visitor: { id, conversationId: null, name: null, email: null, verified: false, userId: null } };
  }

  /** The visitor a token names; null for a malformed, unknown or expired (deleted by retention) token. */
  async resolveVisitor(token: string | null | undefined): Promise<VisitorRecord | null> {
    if (!token || !VisitorToken.safeParse(token).success) return null;
    return this.visitors.findByToken(hashVisitorToken(token));
  }

  /** The visitor an `Authorization: Bearer <token>` header names, or null. */
  async resolveBearer(header: string | undefined): Promise<VisitorRecord | null> {
    return this.resolveVisitor(bearerVisitorToken(header));
  }
}
