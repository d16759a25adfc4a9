import { AppError, ErrorCode } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { Stores } from '../stores.js';
import { PNG_1PX } from '../testing/files.js';
import { storeBackends } from '../testing/store-backends.js';
import { MemoryRateLimitStore } from '../limits/rate-limit.memory-store.js';
import { createMemoryStores } from '../stores.js';
import { MemoryAttachmentStore } from './attachment.memory-store.js';
import { AttachmentService, UNSENT_UPLOAD_MS } from './attachment.service.js';
import type { AttachmentStore } from './attachment.store.js';
import type { FileStore } from './file.store.js';
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

const VISITOR = { kind: 'visitor', id: 'v_1' } as const;
const LIMITS = { ...loadConfig({}).uploadQuota, maxBytes: 4096, uploadsPerWindow: 100, windowMs: 60_000 };
const text = (s: string) => new Uint8Array(Buffer.from(s));

function setup(ports: { attachments?: AttachmentStore; files?: FileStore } = {}) {
  const clock = { now: 1_700_000_000_000 };
  let n = 0;
  const files: FileStore = ports.files ?? new MemoryFileStore();
  const attachments = ports.attachments ?? new MemoryAttachmentStore();
  const service = new AttachmentService(
    { attachments, files, rateLimits: new MemoryRateLimitStore(), conversations: createMemoryStores().conversations },
    LIMITS,
    () => clock.now,
    () => `f_test${String(n++).padStart(20, '0')}`,
  );
  return { service, files, attachments, clock };
}

/** A record store whose writes fail as a full Redis does (OOM answers become STORE_UNAVAILABLE). */
class FullAttachmentStore extends MemoryAttachmentStore {
  override async save(): Promise<void> {
    throw new AppError(ErrorCode.StoreUnavailable, 'the store is unavailable');
  }
}

describe('AttachmentService', () => {
  it.each([
    ['text named as a script', 'invoice.js', text('total: 12 EUR\n'), 'invoice.js.txt'],
    ['text named as a batch file', 'fix.bat', text('del /q C:\\\n'), 'fix.bat.txt'],
    ['text named as a page', 'report.html', text('quarterly report\n'), 'report.html.txt'],
    ['text without an extension', 'README', text('hello\n'), 'README.txt'],
    ['a PNG named as a JPEG', 'photo.jpg', new Uint8Array(PNG_1PX), 'photo.jpg.png'],
    ['a PNG named as an executable, with a trailing dot', 'setup.exe.', new Uint8Array(PNG_1PX), 'setup.exe.png'],
    ['a PDF named as a PNG', 'scan.png', text('%PDF-1.7\n'), 'scan.png.pdf'],
  ])('names %s by what its bytes are: the extension of the sniffed type ends the name', async (_what, name, bytes, stored) => {
    const { service } = setup();
    const attachment = await service.upload(VISITOR, { name, bytes, conversationId: null });
    expect(attachment.name).toBe(stored);
    expect((await service.open(attachment.id, { kind: 'visitor', visitorId: VISITOR.id }))?.attachment.name).toBe(stored);
    expect((await service.read(attachment.id))?.name).toBe(stored);
  });

  it.each([
    ['error.log', text('ERROR disk full\n')],
    ['notes.TXT', text('hello\n')],
    ['shot.PNG', new Uint8Array(PNG_1PX)],
  ])('keeps a name whose extension already says what %s is', async (name, bytes) => {
    const { service } = setup();
    expect((await service.upload(VISITOR, { name, bytes, conversationId: null })).name).toBe(name);
  });

  it('names files stored before this rule by their type when they are read', async () => {
    const attachments = new MemoryAttachmentStore();
    const { service, files } = setup({ attachments });
    await files.put('f_old00000000000000000000', Buffer.from('echo hi\n'));
    await attachments.save({ id: 'f_old00000000000000000000', name: 'run.sh', type: 'text/plain', size: 8, owner: VISITOR, conversationId: null, createdAt: 1 });
    expect((await service.open('f_old00000000000000000000', { kind: 'operator' }))?.attachment.name).toBe('run.sh.txt');
    expect((await service.read('f_old00000000000000000000'))?.name).toBe('run.sh.txt');
  });

  it('leaves no bytes behind when the record cannot be written (a full Redis)', async () => {
    const files = new MemoryFileStore();
    const { service } = setup({ attachments: new FullAttachmentStore(), files });
    await expect(service.upload(VISITOR, { name: 'shot.png', bytes: new Uint8Array(PNG_1PX), conversationId: null })).rejects.toMatchObject({ code: ErrorCode.StoreUnavailable });
    expect(files.size).toBe(0);
  });

  it('keeps a record whose bytes could not be written unreadable, and the sweep forgets it', async () => {
    const broken: FileStore = { put: () => Promise.reject(new Error('ENOSPC: no space left on device')), get: async () => null, delete: async () => {} };
    const attachments = new MemoryAttachmentStore();
    const { service, clock } = setup({ attachments, files: broken });
    await expect(service.upload(VISITOR, { name: 'shot.png', bytes: new Uint8Array(PNG_1PX), conversationId: null })).rejects.toThrow(/ENOSPC/);
    const id = 'f_test00000000000000000000';
    expect(await service.open(id, { kind: 'visitor', visitorId: VISITOR.id })).toBeNull();
    clock.now += UNSENT_UPLOAD_MS + 1;
    expect(await service.expire(0, 10)).toBe(1);
    expect(await attachments.get(id)).toBeNull();
  });
});
