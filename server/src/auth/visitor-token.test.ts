import { describe, expect, it } from 'vitest';
import { createMemoryStores } from '../stores.js';
import { bearerVisitorToken, hashVisitorToken, VisitorTokens } from './visitor-token.js';

describe('visitor tokens', () => {
  it('issues a token whose hash alone is stored, and resolves it back to the visitor', async () => {
    const stores = createMemoryStores();
    const tokens = new VisitorTokens(stores.visitors);
    const { token, visitor } = await tokens.issue();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await stores.visitors.findByToken(token)).toBeNull();
    expect((await stores.visitors.findByToken(hashVisitorToken(token)))?.id).toBe(visitor.id);
    expect((await tokens.resolveVisitor(token))?.id).toBe(visitor.id);
    expect((await tokens.resolveBearer(`Bearer ${token}`))?.id).toBe(visitor.id);
  });

  it('resolves nothing for a missing, malformed or unknown token', async () => {
    const tokens = new VisitorTokens(createMemoryStores().visitors);
    expect(await tokens.resolveVisitor(undefined)).toBeNull();
    expect(await tokens.resolveVisitor('short')).toBeNull();
    expect(await tokens.resolveVisitor('x'.repeat(43))).toBeNull();
    expect(await tokens.resolveBearer(undefined)).toBeNull();
  });

  it('reads only a well-formed bearer header', () => {
    const token = 'a'.repeat(43);
    expect(bearerVisitorToken(`Bearer ${token}`)).toBe(token);
    expect(bearerVisitorToken(`bearer ${token}`)).toBeNull();
    expect(bearerVisitorToken(`Bearer ${token} extra`)).toBeNull();
    expect(bearerVisitorToken('Bearer not/a+token')).toBeNull();
    expect(bearerVisitorToken(token)).toBeNull();
  });
});
