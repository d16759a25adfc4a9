import type { CannedResponse } from '@introserv/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.js';
import { Composer, type ComposerProps } from './Composer.js';
import { searchCanned } from './CannedPicker.js';

const canned: CannedResponse[] = [
  { id: 'cr_1', shortcut: 'reboot', language: 'en', title: 'Reboot in the Client Area', text: 'You can reboot your server in the Client Area.' },
  { id: 'cr_2', shortcut: 'reboot', language: 'de', title: 'Neustart', text: 'Sie können den Server im Kundenbereich neu starten.' },
  { id: 'cr_3', shortcut: 'invoice', language: 'en', title: 'Invoices', text: 'Your invoices are in the Client Area under Billing.' },
];

let root: HTMLElement | undefined;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  if (!root) return;
  render(null, root);
  root.remove();
  root = undefined;
});

function show(over: Partial<ComposerProps> = {}) {
  const el = document.createElement('div');
  root = el;
  document.body.append(el);
  const props: ComposerProps = { onSend: vi.fn(), onSendNote: vi.fn(), disabled: false, canned, language: 'de', ...over };
  void act(() => render(<Composer {...props} />, el));
  return props;
}
const input = () => root!.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')!;
const type = (value: string) =>
  act(() => {
    input().value = value;
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
const key = (k: string, init: KeyboardEventInit = {}) => act(() => void input().dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init })));
const options = () => [...root!.querySelectorAll<HTMLElement>('[data-testid="canned-option"]')].map((o) => `${o.querySelector('.canned-shortcut')?.textContent ?? ''}${o.querySelector('.lang-tag') ? '*' : ''}`);

describe('searchCanned', () => {
  it('ranks shortcuts that start with the query first, the chat’s language before others, then titles and texts', () => {
    expect(searchCanned(canned, 'reb', 'de').map((r) => r.id)).toEqual(['cr_2', 'cr_1']);
    expect(searchCanned(canned, 'billing', 'en').map((r) => r.id)).toEqual(['cr_3']);
    expect(searchCanned(canned, '', 'en').map((r) => r.id)).toEqual(['cr_3', 'cr_1', 'cr_2']);
    expect(searchCanned(canned, 'nothing', 'en')).toEqual([]);
  });
});

describe('Composer', () => {
  it('offers canned responses after / and inserts the chosen one with the keyboard', async () => {
    const props = show();
    await type('/re');
    expect(options()).toEqual(['/reboot', '/reboot*']);
    await key('ArrowDown');
    await key('Enter');
    expect(input().value).toBe('You can reboot your server in the Client Area.');
    expect(root!.querySelector('[data-testid="canned-picker"]')).toBeNull();
    expect(props.onSend).not.toHaveBeenCalled();
    await key('Enter');
    expect(props.onSend).toHaveBeenCalledWith('You can reboot your server in the Client Area.', []);
  });

  it('closes the picker with Escape and keeps what was typed', async () => {
    show();
    await type('/inv');
    expect(options()).toEqual(['/invoice*']);
    await key('Escape');
    expect(root!.querySelector('[data-testid="canned-picker"]')).toBeNull();
    expect(input().value).toBe('/inv');
  });

  it('opens a canned search anywhere with Alt+/ and inserts at the cursor', async () => {
    show();
    await type('Hello! ');
    input().setSelectionRange(7, 7);
    await key('/', { altKey: true, code: 'Slash' });
    const search = root!.querySelector<HTMLInputElement>('[data-testid="canned-search"]')!;
    await act(() => {
      search.value = 'invoice';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => void search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })));
    expect(input().value).toBe('Hello! Your invoices are in the Client Area under Billing.');
  });

  it('switches to an internal note with Alt+N, sends it as a note, and allows notes when replies are not', async () => {
    const props = show({ disabled: true });
    expect(input().disabled).toBe(true);
    await act(() => root!.querySelector<HTMLElement>('[data-testid="composer-mode-note"]')?.click());
    expect(input().disabled).toBe(false);
    expect(root!.querySelector('form')?.dataset.mode).toBe('note');
    await type('asked for a refund');
    await key('Enter');
    expect(props.onSendNote).toHaveBeenCalledWith('asked for a refund');
    expect(props.onSend).not.toHaveBeenCalled();
    await key('n', { altKey: true, code: 'KeyN' });
    expect(root!.querySelector('form')?.dataset.mode).toBe('reply');
    expect(input().disabled).toBe(true);
  });
});
