import type { VisitorPanel } from '@introserv/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/i18n.js';
import { conversation, visitor } from '../testing/fixtures.js';
import type { VisitorApi } from './visitor-api.js';
import { VisitorDetails } from './VisitorDetails.js';

let root: HTMLElement;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  render(null, root);
  root.remove();
});

function show(v: Parameters<typeof visitor>[0], panel?: VisitorPanel['visitor']): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  const c = conversation({ id: 'c1', visitor: visitor(v) });
  const api: VisitorApi | undefined = panel && { panel: async () => ({ visitor: panel, pages: [], conversations: [] }), messages: async () => [] };
  void act(() => render(<VisitorDetails conversation={c} {...(api ? { api } : {})} />, root));
  return root;
}

const row = (testId: string): HTMLElement | null => root.querySelector(`[data-testid="${testId}"]`);

describe('the visitor panel says what is verified', () => {
  it('shows a name and e-mail no hash signed as given by the visitor, never next to a verified mark', () => {
    // The server refused the attacker's hash for user 42 with someone else's name: what stays is typed.
    show({ id: 'v1', name: 'INTROSERV Billing', email: 'billing@introserv.com', verified: false, userId: null });
    expect(row('visitor-verified')?.dataset.verified).toBe('false');
    expect(row('visitor-verified')?.textContent).not.toContain('✓');
    for (const id of ['visitor-name', 'visitor-email']) {
      expect(row(id)?.dataset.source).toBe('visitor');
      expect(row(id)?.textContent).toContain('given by the visitor');
    }
    expect(row('visitor-name')?.querySelector('bdi')?.textContent).toBe('INTROSERV Billing');
  });

  it('marks a verified account’s name and e-mail as the account’s', () => {
    show({ id: 'v2', name: 'Ana Kovač', email: 'ana@example.com', verified: true, userId: '42' });
    expect(row('visitor-verified')?.textContent).toContain('✓ Verified Client Area account');
    expect(row('visitor-verified')?.textContent).toContain('42');
    for (const id of ['visitor-name', 'visitor-email']) {
      expect(row(id)?.dataset.source).toBe('account');
      expect(row(id)?.textContent).toContain('from the Client Area account');
    }
  });

  it('takes who the visitor is from one source: an earlier verification never lends its mark to a name typed since', async () => {
    show({ id: 'v3', name: 'Mallory', email: null, verified: false, userId: null }, { id: 'v3', name: 'Ana Kovač', email: 'ana@example.com', verified: true, userId: '42' });
    await act(async () => {
      await Promise.resolve();
    });
    expect(row('visitor-verified')?.dataset.verified).toBe('false');
    expect(row('visitor-name')?.textContent).toContain('Mallory');
    expect(row('visitor-name')?.dataset.source).toBe('visitor');
  });
});
