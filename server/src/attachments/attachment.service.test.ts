import { AppError } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Stores } from '../stores.js';
import { PNG_1PX } from '../testing/files.js';
import { storeBackends } from '../testing/store-backends.js';
import { AttachmentService } from './attachment.service.js';
import type { DiskSpace } from './disk-space.js';
import { MemoryFileStore } from './memory-file.store.js';

const backends = storeBackends('uploads');
const KB = 1024;
const GB = 1024 ** 3;

/** A real PNG padded to `size` bytes (still sniffed as a PNG). */
const png = (size: number) => Buffer.concat([PNG_1PX, Buffer.alloc(size - PNG_1PX.length)]);

function service(stores: Stores, over: { bytesPerIp?: number; bytesTotal?: number; space?: () => Promise<DiskSpace | null>; files?: MemoryFileStore } = {}) {
  const files = over.files ?? new MemoryFileStore();
  const quota = loadConfig({}).uploadQuota;
  const attachments = new AttachmentService(
    { ...stores, files, ...(over.space ? { space: over.space } : {}) },
    {
      maxBytes: 200 * KB,
      ...quota,
      uploadsPerWindow: 1_000,
      bytesPerIp: { limit: over.bytesPerIp ?? 1_000 * KB, windowMs: 3_600_000 },
      bytesTotal: { limit: over.bytesTotal ?? 100_000 * KB, windowMs: 3_600_000 },
    },
  );
  return { attachments, files };
}

const settle = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (err: unknown) => (err instanceof AppError ? err.code : String(err)),
  );

describe.each(backends)('upload byte quotas and free space (%s)', (_name, makeStores) => {
  it('stops a parallel burst from one address at its bytes per hour, and lets another address upload', async () => {
    const stores = makeStores();
    const { attachments, files } = service(stores);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => settle(attachments.upload({ kind: 'visitor', id: `v${i}` }, { name: 'shot.png', bytes: png(100 * KB), conversationId: null, address: '198.51.100.3' }))),
    );
    expect(burst.filter((o) => o === 'ok')).toHaveLength(10);
    expect(burst.filter((o) => o === 'RATE_LIMITED')).toHaveLength(30);
    expect(files.size).toBe(10);
    // One /64 is one address: its two addresses share the 1,000 KB.
    const fromV6 = (address: string) => settle(attachments.upload({ kind: 'visitor', id: 'v-ipv6' }, { name: 'a.png', bytes: png(190 * KB), conversationId: null, address }));
    const v6 = [];
    for (let i = 0; i < 6; i++) v6.push(await fromV6(i % 2 ? '2001:db8::1' : '2001:db8::ffff'));
    expect(v6).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(await settle(attachments.upload({ kind: 'visitor', id: 'v-other' }, { name: 'a.png', bytes: png(100 * KB), conversationId: null, address: '203.0.113.3' }))).toBe('ok');
  });

  it('holds everyone together to the total bytes per hour, operators too', async () => {
    const stores = makeStores();
    const { attachments } = service(stores, { bytesTotal: 500 * KB });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        settle(attachments.upload(i % 2 ? { kind: 'operator', id: 'op1' } : { kind: 'visitor', id: `v${i}` }, { name: 'x.png', bytes: png(100 * KB), conversationId: null, address: `203.0.113.${i}` })),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
  });

  it('gives the bytes back when the file could not be written', async () => {
    const stores = makeStores();
    const files = new MemoryFileStore();
    let failures = 3;
    const put = files.put.bind(files);
    files.put = (id, bytes) => (failures-- > 0 ? Promise.reject(new Error('disk error')) : put(id, bytes));
    const { attachments } = service(stores, { bytesPerIp: 300 * KB, files });
    const upload = () => settle(attachments.upload({ kind: 'visitor', id: 'v1' }, { name: 'x.png', bytes: png(100 * KB), conversationId: null, address: '198.51.100.4' }));
    for (let i = 0; i < 3; i++) expect(await upload()).not.toBe('ok');
    expect([await upload(), await upload(), await upload(), await upload()]).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
  });

  it('refuses uploads with STORAGE_FULL while UPLOAD_DIR’s disk is nearly full, and writes nothing', async () => {
    const stores = makeStores();
    let space: DiskSpace = { free: 0.5 * GB, total: 100 * GB };
    const { attachments, files } = service(stores, { space: async () => space });
    const upload = () => settle(attachments.upload({ kind: 'visitor', id: 'v1' }, { name: 'x.png', bytes: png(KB), conversationId: null, address: '198.51.100.5' }));
    // Under UPLOAD_MIN_FREE_BYTES (1 GB)…
    expect(await upload()).toBe('STORAGE_FULL');
    // …and under UPLOAD_MIN_FREE_PERCENT (5 %) of a large disk.
    space = { free: 40 * GB, total: 1_000 * GB };
    expect(await upload()).toBe('STORAGE_FULL');
    expect(files.size).toBe(0);
    space = { free: 60 * GB, total: 1_000 * GB };
    expect(await upload()).toBe('ok');
  });
});
