import { useSignal } from '../app/useSignal.js';
import { useT } from '../i18n/useT.js';
import type { Notifier } from './notifier.js';

/** The mute toggle and the button that asks for desktop notifications. */
export function NotifyControls({ notifier }: { notifier: Notifier }) {
  const { t } = useT();
  const muted = useSignal(notifier.muted);
  const desktop = useSignal(notifier.desktop);
  return (
    <div class="notify-controls" role="group" aria-label={t('notify.label')}>
      <button type="button" class="btn btn-small" data-testid="sound-toggle" aria-pressed={!muted} onClick={() => notifier.toggleMute()}>
        <span aria-hidden="true">{muted ? '🔕' : '🔔'}</span> {muted ? t('notify.soundOff') : t('notify.soundOn')}
      </button>
      {desktop === 'default' && (
        <button type="button" class="btn btn-small" data-testid="desktop-enable" onClick={() => void notifier.enableDesktop()}>
          {t('notify.enableDesktop')}
        </button>
      )}
      {desktop === 'granted' && <span class="muted small">{t('notify.desktopOn')}</span>}
      {desktop === 'denied' && <span class="muted small">{t('notify.desktopBlocked')}</span>}
    </div>
  );
}
