import { useSignal } from '@introserv/shared/client/use-signal';
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
        <SpeakerIcon muted={muted} /> {muted ? t('notify.soundOff') : t('notify.soundOn')}
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

/** Drawn, not an emoji: emoji fonts are missing on many operators' desktops. */
function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M2 6h3l4-3v10l-4-3H2z" fill="currentColor" />
      {muted ? <path d="M11 6l4 4M15 6l-4 4" stroke="currentColor" stroke-width="1.5" /> : <path d="M11 5.5a3.5 3.5 0 010 5M12.5 3.5a6 6 0 010 9" stroke="currentColor" stroke-width="1.3" fill="none" />}
    </svg>
  );
}
