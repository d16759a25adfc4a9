import type { Attachment } from '@introserv/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStores } from '../../stores.js';
import { PNG_1PX } from '../../testing/files.js';
import { helloPayload, startTestApp, type TestApp, type TestOperator } from '../../testing/test-app.js';

describe('operators’ files over HTTP', () => {
  let t: TestApp;
  let op: TestOperator;
  let conversationId: string;
  beforeAll(async () => {
    t = await startTestApp(createMemoryStores(), { UPLOAD_MAX_BYTES: '4096' });
    op = await t.operator({ name: 'Ana' });
    const visitor = t.visitor();
    if (!(await visitor.emitWithAck('hello', helloPayload())).ok) throw new Error('hello refused');
    const sent = await visitor.emitWithAck('message:send', { id: 'needs-a-file-01', text: 'Send me the log please' });
    if (!sent.ok) throw new Error('send refused');
    conversationId = sent.message.conversationId;
  });
  afterAll(() => t.close());

  const post = (name: string, body: Uint8Array, headers: Record<string, string> = { cookie: op.cookie, 'x-csrf-token': op.csrfToken }) =>
    fetch(`${t.url}/api/conversations/${conversationId}/attachments`, { method: 'POST', headers: { 'x-file-name': encodeURIComponent(name), ...headers }, body });
  const get = (id: string, headers: Record<string, string> = { cookie: op.cookie }) => fetch(`${t.url}/api/attachments/${id}`, { headers });

  it('stores text called fix.bat as fix.bat.txt and downloads it under that name', async () => {
    const res = await post('fix.bat', Buffer.from('del /q C:\\temp\n'));
    expect(res.status).toBe(201);
    const { attachment } = (await res.json()) as { attachment: Attachment };
    expect(attachment).toMatchObject({ name: 'fix.bat.txt', type: 'text/plain' });
    const file = await get(attachment.id);
    expect(file.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''fix.bat.txt");
  });

  it('answers every upload and download with Cache-Control: no-store, refusals too: nothing stays readable after logout', async () => {
    const uploaded = await post('shot.png', PNG_1PX);
    const { attachment } = (await uploaded.clone().json()) as { attachment: Attachment };
    const answers = {
      'upload 201': uploaded,
      'upload 401': await post('shot.png', PNG_1PX, {}),
      'upload 403': await post('shot.png', PNG_1PX, { cookie: op.cookie }),
      'download 200': await get(attachment.id),
      'download 401': await get(attachment.id, {}),
      'download 404': await get('f_nosuchfile0000000000000'),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, `${r.status} ${r.headers.get('cache-control')}`]))).toEqual(
      Object.fromEntries(Object.keys(answers).map((k) => [k, `${k.split(' ')[1]} no-store`])),
    );
  });
});
