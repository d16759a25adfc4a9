import { AppError, ErrorCode } from '@introserv/shared';
import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../limits/rate-limit.memory-store.js';
import { createMemoryStores } from '../stores.js';
import { PNG_1PX } from '../testing/files.js';
import { MemoryAttachmentStore } from './attachment.memory-store.js';
import { AttachmentService, UNSENT_UPLOAD_MS } from './attachment.service.js';
import type { AttachmentStore } from './attachment.store.js';
import type { FileStore } from './file.store.js';
import { MemoryFileStore } from './memory-file.store.js';

const VISITOR = { kind: 'visitor', id: 'v_1' } as const;
const LIMITS = { maxBytes: 4096, uploadsPerWindow: 100, windowMs: 60_000 };
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
