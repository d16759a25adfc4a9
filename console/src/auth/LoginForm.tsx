import type { SessionInfo } from '@introserv/shared';
import { useRef, useState } from 'preact/hooks';
import type { ConsoleApi } from '../api/endpoints.js';
import { errorText } from '../i18n/errorText.js';
import { useT } from '../i18n/useT.js';
import { useRequest } from '../hooks/use-request.js';

export interface LoginFormProps {
  api: Pick<ConsoleApi, 'login'>;
  onLoggedIn: (session: SessionInfo) => void;
  /** The server ended the previous session: say so until the next attempt. */
  sessionEnded?: boolean;
}

export function LoginForm({ api, onLoggedIn, sessionEnded = false }: LoginFormProps) {
  const { t } = useT();
  const login = useRequest();
  const error = login.error?.code ?? null;
  const [notice, setNotice] = useState(sessionEnded);
  // Stays on from the submit until the console changes to the signed-in view.
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const field = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const email = field('email').trim();
    const password = field('password');
    setBusy(true);
    setNotice(false);
    const res = await login.run(() => api.login({ email, password }));
    if (res.ok) {
      onLoggedIn(res.value);
      return;
    }
    setBusy(false);
    // Keep the e-mail, retype the password.
    if (passwordRef.current) {
      passwordRef.current.value = '';
      passwordRef.current.focus();
    }
  };

  return (
    <main class="login">
      <form class="login-card" onSubmit={(e) => void onSubmit(e)} aria-describedby={error ? 'login-error' : undefined}>
        <h1 class="login-title">
          <span class="brand">{t('app.title')}</span>
          <span class="login-subtitle">{t('login.title')}</span>
        </h1>
        <p class="muted">{t('login.intro')}</p>
        {notice && (
          <p class="notice" role="status" data-testid="login-notice">
            {t('login.sessionEnded')}
          </p>
        )}
        <label class="field">
          <span>{t('login.email')}</span>
          <input data-testid="login-email" name="email" type="email" autocomplete="username" required maxLength={254} autoFocus />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input
            data-testid="login-password"
            ref={passwordRef}
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={200}
          />
        </label>
        {error && (
          <p id="login-error" class="alert" role="alert" data-testid="login-error" data-code={error}>
            {errorText(t, error)}
          </p>
        )}
        <button class="btn btn-primary" type="submit" data-testid="login-submit" disabled={busy} aria-busy={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
