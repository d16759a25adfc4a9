import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/client.js';
import { consoleApi } from '../api/endpoints.js';
import { initI18n, setLanguage } from '../i18n/i18n.js';
import { LoginForm } from './LoginForm.js';

const session = {
  operator: { id: 'op_1', email: 'ana@introserv.com', name: 'Ana', role: 'operator', capacity: null, disabled: false, departments: [], languages: [], autoAssign: true },
  csrfToken: 'csrf-abc',
  status: 'online',
};

let root: HTMLElement;

beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  render(null, root);
  root.remove();
  await setLanguage('en', null);
});

function mount(fetch: typeof globalThis.fetch, onLoggedIn = vi.fn(), sessionEnded = false) {
  root = document.createElement('div');
  document.body.append(root);
  void act(() => render(<LoginForm api={consoleApi(new ApiClient({ fetch }))} onLoggedIn={onLoggedIn} sessionEnded={sessionEnded} />, root));
  return onLoggedIn;
}

function byTestId<T extends HTMLElement>(id: string): T {
  const el = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid="${id}"]`);
  return el;
}

async function submit(email: string, password: string): Promise<void> {
  byTestId<HTMLInputElement>('login-email').value = email;
  byTestId<HTMLInputElement>('login-password').value = password;
  await act(async () => {
    byTestId<HTMLButtonElement>('login-submit').click();
  });
  // Let the mocked fetch and the state update settle.
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

describe('LoginForm', () => {
  it('renders labelled e-mail and password fields and no error', () => {
    mount(vi.fn<typeof fetch>());
    const email = byTestId<HTMLInputElement>('login-email');
    const password = byTestId<HTMLInputElement>('login-password');
    expect(email.type).toBe('email');
    expect(email.closest('label')?.textContent).toContain('E-mail');
    expect(password.type).toBe('password');
    expect(password.closest('label')?.textContent).toContain('Password');
    expect(byTestId('login-submit').textContent).toBe('Sign in');
    expect(root.querySelector('[data-testid="login-error"]')).toBeNull();
  });

  it('shows the localized error on 401 INVALID_CREDENTIALS and clears the password', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'bad credentials' } }), { status: 401 }),
    );
    const onLoggedIn = mount(fetch);
    await submit('ana@introserv.com', 'wrong');

    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ email: 'ana@introserv.com', password: 'wrong' });

    const error = byTestId('login-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Wrong e-mail or password.');
    expect(byTestId<HTMLInputElement>('login-password').value).toBe('');
    expect(byTestId<HTMLInputElement>('login-email').value).toBe('ana@introserv.com');
    expect(onLoggedIn).not.toHaveBeenCalled();
  });

  it('shows the error in the chosen language', async () => {
    await setLanguage('de', null);
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'bad credentials' } }), { status: 401 }),
    );
    mount(fetch);
    await submit('ana@introserv.com', 'wrong');
    expect(byTestId('login-error').textContent).toBe('E-Mail oder Passwort ist falsch.');
  });

  it('hands the session over on 200', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(new Response(JSON.stringify(session), { status: 200 }));
    const onLoggedIn = mount(fetch);
    await submit('ana@introserv.com', 'right');
    expect(onLoggedIn).toHaveBeenCalledWith(session);
    expect(root.querySelector('[data-testid="login-error"]')).toBeNull();
  });

  it('says why the operator is back here when the server ended the session, until the next attempt', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'bad credentials' } }), { status: 401 }),
    );
    mount(fetch, vi.fn(), true);
    expect(byTestId('login-notice').textContent).toContain('You have been signed out');
    expect(byTestId('login-notice').getAttribute('role')).toBe('status');
    expect(root.querySelector('[data-testid="login-error"]')).toBeNull();
    await submit('ana@introserv.com', 'wrong');
    expect(root.querySelector('[data-testid="login-notice"]')).toBeNull();
  });
});
