import { useMemo, useState } from 'preact/hooks';
import { useRequest } from '../hooks/use-request.js';
import type { PageProps } from '../workspace/page-props.js';
import { errorText } from '../i18n/errorText.js';
import { useT } from '../i18n/useT.js';
import { teamApi } from './team-api.js';

/** The operator's own name and password. */
export function ProfilePage({ api, session }: PageProps) {
  const { t } = useT();
  const team = useMemo(() => teamApi(api.client), [api]);
  const [name, setName] = useState(session.operator.name);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState<'name' | 'password' | null>(null);
  const saving = useRequest();
  const error = saving.error;
  const run = async (what: 'name' | 'password'): Promise<void> => {
    setDone(null);
    const res = await saving.run(async () => {
      if (what === 'name') await team.updateProfile({ name });
      else {
        await team.updateProfile({ password: { current, next } });
        setCurrent('');
        setNext('');
      }
    });
    if (res.ok) setDone(what);
  };
  return (
    <main class="page profile-page" data-testid="profile-page">
      <h1>{t('profile.title')}</h1>
      {error && (
        <p class="alert" role="alert" data-testid="profile-error" data-code={error.code}>
          {errorText(t, error.code)}
        </p>
      )}
      {done && (
        <p class="notice" role="status" data-testid="profile-saved">
          {done === 'name' ? t('profile.saved') : t('profile.passwordChanged')}
        </p>
      )}
      <form
        class="card form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void run('name');
        }}
      >
        <label class="field">
          {t('profile.name')}
          <input required maxLength={100} data-testid="profile-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" data-testid="profile-save-name">
            {t('profile.saveName')}
          </button>
        </div>
      </form>
      <form
        class="card form-grid"
        aria-labelledby="password-title"
        onSubmit={(e) => {
          e.preventDefault();
          void run('password');
        }}
      >
        <h2 id="password-title">{t('profile.changePassword')}</h2>
        <label class="field">
          {t('profile.currentPassword')}
          <input required type="password" autocomplete="current-password" data-testid="profile-current" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label class="field">
          {t('profile.newPassword')}
          <input required type="password" autocomplete="new-password" minLength={8} data-testid="profile-new" value={next} onInput={(e) => setNext(e.currentTarget.value)} />
          <span class="muted small">{t('team.passwordNew')}</span>
        </label>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" data-testid="profile-save-password">
            {t('profile.savePassword')}
          </button>
        </div>
      </form>
    </main>
  );
}
