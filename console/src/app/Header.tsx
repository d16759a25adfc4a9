import { LANGUAGES, type Language, type Operator } from '@introserv/shared';
import { LANGUAGE_NAMES, setLanguage } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import type { ConnectionState } from './workspace.js';

export interface HeaderProps {
  operator?: Operator;
  connection?: ConnectionState;
  onLogout?: () => void;
}

export function Header({ operator, connection, onLogout }: HeaderProps) {
  const { t, lang } = useT();
  return (
    <header class="topbar">
      <div class="topbar-brand">
        <span class="brand">{t('app.title')}</span>
        <span class="muted">{t('app.subtitle')}</span>
      </div>
      <div class="topbar-tools">
        {connection && (
          <span class={`connection connection-${connection}`} role="status" data-testid="connection">
            <span class="dot" aria-hidden="true" />
            {t(`connection.${connection}`)}
          </span>
        )}
        {operator && <span class="muted">{t('header.signedInAs', { name: operator.name })}</span>}
        <label class="lang">
          <span class="visually-hidden">{t('header.language')}</span>
          <select
            value={lang}
            data-testid="language"
            onChange={(e) => void setLanguage(e.currentTarget.value as Language)}
            title={t('header.language')}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        {onLogout && (
          <button type="button" class="btn" data-testid="logout" onClick={onLogout}>
            {t('header.logout')}
          </button>
        )}
      </div>
    </header>
  );
}
