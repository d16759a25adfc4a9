import type { Colleague } from '@introserv/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n/i18n.js';
import { conversation } from '../testing/fixtures.js';
import { TransferDialog } from './TransferDialog.js';

let root: HTMLElement;
beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const colleague = (over: Partial<Colleague> & { id: string; name: string }): Colleague => ({ available: true, status: 'online', load: 0, capacity: 5, departments: [], languages: [], ...over });
const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

describe('TransferDialog', () => {
  it('lists colleagues who can take it first (available, serving the department and language), never oneself', async () => {
    root = document.createElement('div');
    document.body.append(root);
    const onTransfer = vi.fn();
    const list = [
      colleague({ id: 'op_ana', name: 'Ana' }),
      colleague({ id: 'op_cleo', name: 'Cleo', available: false, status: 'offline' }),
      colleague({ id: 'op_bo', name: 'Bo', languages: ['de'], load: 1 }),
      colleague({ id: 'op_dora', name: 'Dora', languages: ['hr'], departments: ['technical'], load: 3 }),
    ];
    void act(() =>
      render(
        <TransferDialog
          conversation={conversation({ id: 'c1', status: 'assigned', language: 'hr', department: 'technical' })}
          operatorId="op_ana"
          departments={[{ id: 'general', names: {} }, { id: 'technical', names: {} }]}
          loadColleagues={async () => list}
          busy={false}
          onTransfer={onTransfer}
          onCancel={vi.fn()}
        />,
        root,
      ),
    );
    await settle();
    const rows = [...root.querySelectorAll<HTMLInputElement>('[data-testid="transfer-colleague"]')];
    expect(rows.map((r) => r.closest('label')?.querySelector('.choice-name')?.textContent)).toEqual(['Dora', 'Bo', 'Cleo']);
    expect(rows.map((r) => r.disabled)).toEqual([false, false, true]);
    const submit = root.querySelector<HTMLButtonElement>('[data-testid="transfer-submit"]')!;
    expect(submit.disabled).toBe(true);
    await act(() => rows[0]?.click());
    const note = root.querySelector<HTMLTextAreaElement>('[data-testid="transfer-note"]')!;
    await act(() => {
      note.value = '  Server 203.0.113.7 down since 10:40  ';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => submit.click());
    expect(onTransfer).toHaveBeenCalledWith({ type: 'operator', operatorId: 'op_dora' }, 'Server 203.0.113.7 down since 10:40');

    await act(() => root.querySelector<HTMLInputElement>('[data-testid="transfer-to-department"]')?.click());
    const select = root.querySelector<HTMLSelectElement>('[data-testid="transfer-department"]')!;
    await act(() => {
      select.value = 'general';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(() => {
      note.value = '';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => root.querySelector<HTMLButtonElement>('[data-testid="transfer-submit"]')?.click());
    expect(onTransfer).toHaveBeenLastCalledWith({ type: 'department', department: 'general' }, undefined);
  });
});
