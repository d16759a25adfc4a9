import { unisolate } from '@introserv/shared/client';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.js';
import { conversation, visitor } from '../testing/fixtures.js';
import { ConversationList, listOrder } from './ConversationList.js';
import { emptyState, replaceConversations, sections } from './store.js';

let root: HTMLElement;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

const now = Date.now();
const rows = () => [...root.querySelectorAll<HTMLElement>('[data-testid="conversation-item"]')];

function show(list: ReturnType<typeof conversation>[], extra: Partial<Parameters<typeof ConversationList>[0]> = {}) {
  root = document.createElement('div');
  document.body.append(root);
  const grouped = sections(replaceConversations(emptyState, list), 'op_ana');
  void act(() => render(<ConversationList sections={grouped} selectedId={null} onSelect={vi.fn()} {...extra} />, root));
  return grouped;
}

describe('ConversationList', () => {
  it('names the visitor (name, e-mail, or a guest code), never by the page title; shows department, language and the last message time', () => {
    show([
      conversation({ id: 'c1', createdAt: now - 5_000, department: 'technical', language: 'hr', visitor: visitor({ id: 'v_abc123f7e2', name: 'Željko Horvat' }), lastMessage: { text: 'Server is down', authorKind: 'visitor', kind: 'text', at: now - 4_000 } }),
      conversation({ id: 'c2', createdAt: now - 3_000, visitor: visitor({ id: 'v_0000beef', email: 'mira@example.com' }) }),
      conversation({ id: 'c3', createdAt: now - 1_000, visitor: visitor({ id: 'v_00009a1c' }) }),
    ]);
    const labels = rows().map((r) => r.querySelector('[data-testid="conversation-label"]')?.textContent);
    expect(labels).toEqual(['Željko Horvat', 'mira@example.com', 'Guest \u20689A1C\u2069']);
    for (const r of rows()) expect(r.querySelector('[data-testid="conversation-label"]')?.textContent).not.toBe('Dedicated servers');
    expect(rows()[0]?.querySelector('[data-testid="conversation-department"]')?.textContent).toBe('Technical issues');
    expect(rows()[0]?.querySelector('.flag')?.getAttribute('aria-label')).toBe('Hrvatski');
    expect(rows()[0]?.querySelector('.conv-time')).not.toBeNull();
    expect(rows()[2]?.querySelector('.conv-time')).toBeNull();
  });

  it('counts unread messages per chat and highlights chats waiting past the alert threshold', () => {
    show(
      [
        conversation({ id: 'late', createdAt: now - 90_000 }),
        conversation({ id: 'fresh', createdAt: now - 10_000 }),
        conversation({ id: 'mine', status: 'assigned', operator: { id: 'op_ana', name: 'Ana' }, createdAt: now - 500_000 }),
      ],
      { unread: { mine: 3 }, waitAlertSeconds: 60 },
    );
    const byId = (id: string) => root.querySelector<HTMLElement>(`[data-conversation-id="${id}"]`);
    expect(byId('late')?.dataset.overdue).toBe('true');
    expect(byId('fresh')?.dataset.overdue).toBeUndefined();
    // An assigned chat is being answered: no alert, however old.
    expect(byId('mine')?.dataset.overdue).toBeUndefined();
    expect(byId('mine')?.querySelector('[data-testid="unread"]')?.textContent).toBe('3');
    expect(byId('fresh')?.querySelector('[data-testid="unread"]')).toBeNull();
  });

  it('ticks the waiting time every second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(1_800_000_000_000);
    show([conversation({ id: 'c1', createdAt: 1_800_000_000_000 - 5_000 })]);
    const wait = () => root.querySelector('[data-testid="waiting-time"]')?.textContent;
    expect(unisolate(wait() ?? '')).toBe('waiting 5 sec');
    await act(() => {
      vi.advanceTimersByTime(2_000);
    });
    expect(unisolate(wait() ?? '')).toBe('waiting 7 sec');
  });

  it('orders the rows as shown, for moving through them with the keyboard', () => {
    const grouped = show([
      conversation({ id: 'closed', status: 'closed', updatedAt: now }),
      conversation({ id: 'mine', status: 'assigned', operator: { id: 'op_ana', name: 'Ana' } }),
      conversation({ id: 'waiting' }),
    ]);
    expect(listOrder(grouped)).toEqual(['waiting', 'mine', 'closed']);
  });
});
