import { unisolate } from '@introserv/shared/client';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message } from '@introserv/shared';
import { initI18n, setLanguage } from '../i18n/i18n.js';
import type { PendingMessage } from '../realtime/outbox.js';
import { conversation, message } from '../testing/fixtures.js';
import { ChatView, type ChatViewProps } from './ChatView.js';

let root: HTMLElement;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(async () => {
  render(null, root);
  root.remove();
  await setLanguage('en', null);
});

function show(over: Partial<ChatViewProps> = {}, messages: Message[] = []): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  const props: ChatViewProps = {
    conversation: conversation({ id: 'c1', status: 'assigned', operator: { id: 'op_ana', name: 'Ana' } }),
    messages,
    pending: [],
    operatorId: 'op_ana',
    loading: false,
    busy: null,
    error: null,
    onAccept: vi.fn(),
    onClose: vi.fn(),
    onSend: vi.fn(),
    onRetry: vi.fn(),
    onDiscard: vi.fn(),
    onDismissError: vi.fn(),
    ...over,
  };
  void act(() => render(<ChatView {...props} />, root));
  return root;
}

const failed: PendingMessage = {
  id: 'id-00000001',
  conversationId: 'c1',
  text: 'too late',
  createdAt: 1_700_000_000_000,
  state: 'failed',
  error: { code: 'CONVERSATION_CLOSED', message: 'closed' },
};

describe('ChatView', () => {
  it('words a refused message with the locale’s own punctuation', async () => {
    await setLanguage('fr', null);
    const el = show({ pending: [failed] });
    expect(unisolate(el.querySelector('.pending-state.failed')?.textContent ?? '')).toContain('Non envoyé\u202f: Cette conversation est déjà fermée.');
  });

  it('says only "not sent" when there is no reason', () => {
    const el = show({ pending: [{ ...failed, error: undefined }] });
    expect(el.querySelector('.pending-state.failed')?.firstChild?.textContent).toBe('Not sent');
  });

  it('renders every message as text', () => {
    const el = show({}, [message('c1', '1700000000001-0', { text: '<img src=x onerror=alert(1)>' })]);
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[data-testid="message"]')?.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('shows system events as event lines in the console’s language, and notes apart from replies', async () => {
    await setLanguage('de', null);
    const system = (cursor: string, event: unknown) => message('c1', cursor, { kind: 'system', author: { kind: 'system' }, text: '', event: event as never });
    const el = show({}, [
      message('c1', '1700000000001-0', { text: 'Mein Server antwortet nicht' }),
      system('1700000000002-0', { type: 'assigned', operator: { id: 'op_ana', name: 'Ana' } }),
      message('c1', '1700000000003-0', { kind: 'note', author: { kind: 'operator', id: 'op_ivo', name: 'Ivo' }, text: 'Kunde seit 2019' }),
      system('1700000000004-0', { type: 'ticket-created', ticket: { number: '#123456', url: 'https://my.introserv.com/t/123456' }, requester: 'client' }),
      system('1700000000005-0', { type: 'from-a-newer-server', secret: 'do-not-show' }),
    ]);
    const events = [...el.querySelectorAll<HTMLElement>('[data-testid="event"]')];
    expect(events.map((e) => [e.dataset.event, unisolate(e.textContent.replace(/^\S+ /, ''))])).toEqual([
      ['assigned', 'Zugewiesen an Ana'],
      ['ticket-created', 'Ticket #123456 im Kundenbereich des Besuchers erstellt Ticket öffnen'],
      ['from-a-newer-server', 'Gesprächsereignis'],
    ]);
    expect(events[1]?.querySelector('a')?.getAttribute('href')).toBe('https://my.introserv.com/t/123456');
    expect(el.textContent).not.toContain('do-not-show');

    const bubbles = [...el.querySelectorAll<HTMLElement>('[data-testid="message"]')];
    expect(bubbles.map((b) => b.dataset.kind)).toEqual(['text', 'note']);
    const note = bubbles[1];
    expect(note?.classList.contains('message-note')).toBe(true);
    expect(note?.querySelector('.message-author')?.textContent).toBe('Interne Notiz · \u2068Ivo\u2069');
  });

  it('separates whole days, shows times, links web addresses only, and keeps notes apart', () => {
    const day1 = new Date(2026, 10, 30, 23, 50).getTime();
    const day2 = new Date(2026, 11, 1, 0, 10).getTime();
    const el = show({}, [
      message('c1', `${day1}-0`, { text: 'Server down, see https://status.introserv.com' }),
      message('c1', `${day1 + 60_000}-0`, { kind: 'note', author: { kind: 'operator', id: 'op_bo', name: 'Bo' }, text: 'javascript:alert(1) is not a link' }),
      message('c1', `${day2}-0`, { author: { kind: 'operator', id: 'op_ana', name: 'Ana' }, text: 'Fixed' }),
    ]);
    expect(el.querySelectorAll('[data-testid="day-separator"]')).toHaveLength(2);
    const links = [...el.querySelectorAll<HTMLAnchorElement>('.message-text a')];
    expect(links.map((a) => [a.href, a.rel])).toEqual([['https://status.introserv.com/', 'noopener noreferrer']]);
    expect(unisolate(el.querySelector('[data-kind="note"]')?.textContent ?? '')).toContain('Internal note · Bo');
    expect([...el.querySelectorAll('[data-testid="message"] time')].every((t) => /\d/.test(t.textContent))).toBe(true);
  });

  it('offers to reopen a closed conversation and to transfer one of the operator’s own', () => {
    const onReopen = vi.fn();
    const closed = show({ conversation: conversation({ id: 'c1', status: 'closed' }), onReopen, onTransfer: vi.fn() });
    expect(closed.querySelector('[data-testid="transfer-button"]')).toBeNull();
    void act(() => closed.querySelector<HTMLElement>('[data-testid="reopen-button"]')?.click());
    expect(onReopen).toHaveBeenCalled();
    render(null, root);
    root.remove();
    const open = show({ onReopen, onTransfer: vi.fn() });
    expect(open.querySelector('[data-testid="reopen-button"]')).toBeNull();
    expect(open.querySelector('[data-testid="transfer-button"]')).not.toBeNull();
  });
});

describe('ChatView: ratings, files and typing', () => {
  it('shows the visitor’s rating in the header, with their comment', () => {
    const el = show({ conversation: conversation({ id: 'c1', status: 'closed', rating: { value: 'bad', comment: 'Too slow', at: 1 } }) });
    const badge = el.querySelector<HTMLElement>('[data-testid="rating"]');
    expect(badge?.dataset.rating).toBe('bad');
    expect(badge?.textContent).toBe('Rated bad: Too slow');
    expect(show().querySelector('[data-testid="rating"]')).toBeNull();
  });

  it('shows images from a message and offers other files as downloads, from the operators’ file route', () => {
    const el = show({}, [
      message('c1', '1700000000001-0', {
        text: '',
        attachments: [
          { id: 'f_aaaaaaaaaaaaaaaa', name: 'shot.png', type: 'image/png', size: 2048 },
          { id: 'f_bbbbbbbbbbbbbbbb', name: 'invoice.pdf', type: 'application/pdf', size: 1_300_000 },
        ],
      }),
    ]);
    const [image, pdf] = [...el.querySelectorAll<HTMLElement>('[data-testid="attachment"]')];
    expect(image?.querySelector('img')?.getAttribute('src')).toBe('/api/attachments/f_aaaaaaaaaaaaaaaa');
    expect(image?.querySelector('img')?.getAttribute('alt')).toBe('shot.png');
    const link = pdf?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/api/attachments/f_bbbbbbbbbbbbbbbb');
    expect(link?.getAttribute('download')).toBe('invoice.pdf');
    expect(link?.textContent).toBe('invoice.pdf (1.2 MB)');
    expect(el.querySelector('.message-text')).toBeNull();
  });

  it('shows the typing slot above the composer, tells each keystroke, and sends uploaded files with the reply', async () => {
    const { OperatorUploads } = await import('./uploads.js');
    const file = { id: 'f_cccccccccccccccc', name: 'guide.pdf', type: 'application/pdf', size: 10 };
    const uploads = new OperatorUploads('c1', async () => file);
    const onSend = vi.fn();
    const onDraft = vi.fn();
    const el = show({ onSend, onDraft, uploads, typing: <p data-testid="typing-preview">Visitor is typing: my ser</p> });
    expect(el.querySelector('[data-testid="typing-preview"]')?.nextElementSibling?.classList.contains('composer')).toBe(true);
    const input = el.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')!;
    await act(() => {
      input.value = 'Here';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(onDraft).toHaveBeenLastCalledWith('Here');
    await act(async () => {
      uploads.add([new File(['%PDF-1.7'], 'guide.pdf')]);
      await Promise.resolve();
    });
    await act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    expect(onSend).toHaveBeenCalledWith('Here', [file]);
    expect(uploads.drafts.value).toEqual([]);
  });
});
