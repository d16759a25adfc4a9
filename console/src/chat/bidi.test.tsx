import type { Operator } from '@introserv/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ConversationList } from '../conversations/ConversationList.js';
import { addMessages, emptyState, upsertConversation } from '../conversations/store.js';
import { initI18n } from '../i18n/i18n.js';
import { conversation, message, visitor } from '../testing/fixtures.js';
import { Header } from '../app/Header.js';
import { AttachmentList } from './AttachmentList.js';
import { ChatView } from './ChatView.js';
import { OperatorUploads } from './uploads.js';
import { UploadDrafts } from './UploadDrafts.js';

/** U+202E RIGHT-TO-LEFT OVERRIDE: reverses everything after it until the paragraph or an isolate ends. */
const RLO = '\u202e';
/** Displayed as "invoicesj.png" without isolation. */
const FILE = `invoice${RLO}gnp.js`;
const isolated = (text: string): string => `\u2068${text}\u2069`;

beforeAll(async () => {
  await initI18n('en');
});

describe('bidi controls in visitor and operator text', () => {
  it('are isolated in the list: the visitor’s name, the preview and the operator’s name', () => {
    const c = conversation({
      id: 'c1',
      status: 'assigned',
      operator: { id: 'op_x', name: `Eve${RLO}` },
      visitor: visitor({ id: 'v1', page: { url: `https://introserv.com/${RLO}x`, title: `Pay${RLO}` }, timeZone: 'UTC', online: true, seenAt: 1, name: `Mallory${RLO}` }),
      lastMessage: { text: `hi ${RLO}olleh`, authorKind: 'visitor', kind: 'text', at: 1 },
    });
    const root = document.createElement('div');
    void act(() => render(<ConversationList sections={{ waiting: [], mine: [], others: [c], closed: [] }} selectedId={null} onSelect={vi.fn()} />, root));
    expect(root.querySelector('.conv-title bdi')?.textContent).toBe(`Mallory${RLO}`);
    expect(root.querySelector('.conv-preview bdi')?.textContent).toBe(`hi ${RLO}olleh`);
    expect(root.textContent).toContain(`Operator: \u2068Eve${RLO}\u2069`);
  });

  it('are isolated in a bubble: the author name in <bdi>, the text with a direction of its own', () => {
    const root = document.createElement('div');
    const c = conversation({ id: 'c2', status: 'assigned', operator: { id: 'op_ana', name: 'Ana' } });
    const m = message('c2', '1700000000001-0', { author: { kind: 'operator', id: 'op_b', name: `Bob${RLO}` }, text: `a ${RLO}b` });
    const noop = vi.fn();
    void act(() =>
      render(
        <ChatView conversation={c} messages={[m]} pending={[]} operatorId="op_ana" loading={false} busy={null} error={null} onAccept={noop} onClose={noop} onSend={noop} onRetry={noop} onDiscard={noop} onDismissError={noop} />,
        root,
      ),
    );
    expect(root.querySelector('.message-author bdi')?.textContent).toBe(`Bob${RLO}`);
    expect(root.querySelector('.message-text')?.getAttribute('dir')).toBe('auto');
  });

  it('keeps the server’s preview cut: whole characters, not UTF-16 halves', () => {
    const c = conversation({ id: 'c3' });
    const long = '👩‍💻'.repeat(250);
    const state = addMessages(upsertConversation(emptyState, c), 'c3', [message('c3', '1700000000002-0', { text: long })], true);
    const preview = state.conversations.c3?.lastMessage?.text ?? '';
    expect(preview).toBe('👩‍💻'.repeat(200));
  });

  it('are isolated in file names: a message’s files and their labels, and the files about to be sent', async () => {
    const root = document.createElement('div');
    const file = { id: `f_${'x'.repeat(24)}`, name: FILE, type: 'text/plain', size: 2048 };
    void act(() => render(<AttachmentList attachments={[file]} />, root));
    const link = root.querySelector('[data-testid="attachment"] a');
    expect(link?.querySelector('bdi')?.textContent).toBe(FILE);
    expect(link?.getAttribute('aria-label')).toBe(`Download ${isolated(FILE)}`);

    const uploads = new OperatorUploads('c1', () => new Promise(() => {}));
    uploads.add([new File(['x'], FILE, { type: 'text/plain' })]);
    await act(() => render(<UploadDrafts uploads={uploads} />, root));
    expect(root.querySelector('.upload-name bdi')?.textContent).toBe(FILE);
    expect(root.querySelector('.upload-drafts button')?.getAttribute('aria-label')).toBe(`Remove ${isolated(FILE)}`);
  });

  it('are isolated in the header’s sentence about who is signed in', () => {
    const root = document.createElement('div');
    const operator: Operator = { id: 'op_eve', email: 'eve@introserv.com', name: `Eve${RLO}`, role: 'operator', capacity: null, disabled: false, departments: [], languages: [], autoAssign: true };
    void act(() => render(<Header operator={operator} />, root));
    expect(root.textContent).toContain(`Signed in as ${isolated(`Eve${RLO}`)}`);
  });
});
