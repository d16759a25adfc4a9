import { isolate, LANGUAGES, type Language, type Operator, type OperatorStatus } from '@introserv/shared';
import { LANGUAGE_NAMES, setLanguage } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import type { ConnectionState, WorkspaceUi } from '../workspace/workspace.js';

export interface HeaderProps {
  operator?: Operator;
  connection?: ConnectionState;
  presence?: WorkspaceUi['presence'];
  onPresence?: (status: OperatorStatus) => void;
  onLogout?: () => void;
}

const STATUSES: readonly OperatorStatus[] = ['online', 'away', 'offline'];

export function Header({ operator, connection, presence, onPresence, onLogout }: HeaderProps) {
  const { t, lang } = useT();
  // The server's answer, or the change on its way (the select is disabled until the ack).
  const shown = presence?.pending ?? presence?.status ?? null;
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
        {operator && <span class="muted">{t('header.signedInAs', { name: isolate(operator.name) })}</span>}
        {presence && onPresence && (
          <label class={`presence presence-${presence.status ?? 'unknown'}`}>
            <span class="dot" aria-hidden="true" />
            <span class="visually-hidden">{t('header.presence')}</span>
            <select
              data-testid="presence"
              data-status={presence.status ?? undefined}
              value={shown ?? ''}
              disabled={presence.pending !== null}
              aria-busy={presence.pending !== null}
              title={t('header.presenceHint')}
              onChange={(e) => onPresence(e.currentTarget.value as OperatorStatus)}
            >
              {shown === null && (
                <option value="" disabled hidden>
                  —
                </option>
              )}
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`operatorStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
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
