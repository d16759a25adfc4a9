import { describe, expect, it } from 'vitest';
import { ErrorCode } from './errors.js';
import { backoffDelay, isRetryable } from './retry.js';

describe('isRetryable', () => {
  it('retries what may heal and gives up on what cannot', () => {
    for (const code of [ErrorCode.StoreUnavailable, ErrorCode.RateLimited, ErrorCode.Internal, 'TIMEOUT', 'OFFLINE', 'NETWORK']) expect(isRetryable(code), code).toBe(true);
    for (const code of [ErrorCode.InvalidPayload, ErrorCode.NotFound, ErrorCode.ConversationClosed, ErrorCode.Unauthenticated, ErrorCode.OriginNotAllowed]) expect(isRetryable(code), code).toBe(false);
  });
});

describe('backoffDelay', () => {
  const spec = { baseMs: 1000, maxMs: 30_000 };
  it('doubles per attempt within [half, full] of the ceiling', () => {
    expect(backoffDelay(0, spec, () => 0)).toBe(500);
    expect(backoffDelay(0, spec, () => 1)).toBe(1000);
    expect(backoffDelay(3, spec, () => 0.5)).toBe(6000);
  });
  it('never exceeds the maximum, however many attempts', () => {
    expect(backoffDelay(50, spec, () => 1)).toBe(30_000);
    expect(backoffDelay(50, spec, () => 0)).toBe(15_000);
  });
});
