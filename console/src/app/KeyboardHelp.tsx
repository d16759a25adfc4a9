import { useEffect, useRef } from 'preact/hooks';
import { Dialog } from '../dialog/Dialog.js';
import { useT } from '../i18n/useT.js';
import { SHORTCUTS } from './shortcuts.js';

/** The list of shortcuts; opened with Alt + H or the ⌨ button (its state lives in `useShortcuts`). */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <Dialog labelledBy="keys-title" testId="keyboard-help" onClose={onClose}>
      <h2 id="keys-title">{t('keys.title')}</h2>
      <table class="keys">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="dialog-actions">
        <button ref={button} type="button" class="btn btn-primary" onClick={onClose}>
          {t('keys.dismiss')}
        </button>
      </div>
    </Dialog>
  );
}
