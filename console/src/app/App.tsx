import { useMemo } from 'preact/hooks';
import { ApiClient } from '../api/client.js';
import { consoleApi } from '../api/endpoints.js';
import { LoginForm } from '../auth/LoginForm.js';
import { useAuth } from '../auth/useAuth.js';
import { errorText } from '../i18n/errorText.js';
import { useT } from '../i18n/useT.js';
import { Header } from './Header.js';
import { Shell } from './Shell.js';

export function App() {
  const { t } = useT();
  const api = useMemo(() => consoleApi(new ApiClient()), []);
  const { state, retry, signedIn, logout, expired } = useAuth(api);

  switch (state.status) {
    case 'loading':
      return (
        <p class="center muted" role="status">
          {t('app.loading')}
        </p>
      );
    case 'error':
      return (
        <div class="app">
          <Header />
          <div class="center" role="alert">
            <p>{t('app.loadFailed')}</p>
            <p class="muted">{errorText(t, state.code)}</p>
            <button type="button" class="btn btn-primary" onClick={() => void retry()}>
              {t('app.retry')}
            </button>
          </div>
        </div>
      );
    case 'signed-out':
      return (
        <div class="app">
          <Header />
          <LoginForm api={api} onLoggedIn={signedIn} sessionEnded={state.sessionEnded ?? false} />
        </div>
      );
    case 'signed-in':
      return <Shell api={api} session={state.session} onLogout={() => void logout()} onSessionExpired={expired} />;
  }
}
