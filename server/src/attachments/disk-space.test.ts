import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearlyFull, statfsProbe } from './disk-space.js';

const GB = 1024 ** 3;

describe('disk space', () => {
  it('reads the file system of UPLOAD_DIR, or of its nearest parent before the directory exists', async () => {
    const space = await statfsProbe(join(tmpdir(), 'not-created-yet', 'uploads'))();
    expect(space?.total).toBeGreaterThan(0);
    expect(space?.free).toBeGreaterThanOrEqual(0);
    expect(space?.free).toBeLessThanOrEqual(space?.total ?? 0);
  });

  it('calls a disk nearly full under the bytes or under the share, and an unknown one not', () => {
    expect(nearlyFull({ free: 0.5 * GB, total: 10 * GB }, GB, 5)).toBe(true);
    expect(nearlyFull({ free: 40 * GB, total: 1_000 * GB }, GB, 5)).toBe(true);
    expect(nearlyFull({ free: 60 * GB, total: 1_000 * GB }, GB, 5)).toBe(false);
    expect(nearlyFull(null, GB, 5)).toBe(false);
  });
});
