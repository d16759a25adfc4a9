import { useEffect, useRef } from 'preact/hooks';
import type { ConsoleKey } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';

/** The console's keyboard shortcuts (the keys themselves are the same in every language). */
export const SHORTCUTS: readonly { keys: string; label: ConsoleKey }[] = [
  { keys: 'Alt + ↓', label: 'keys.next' },
  { keys: 'Alt + ↑', label: 'keys.previous' },
  { keys: 'Enter', label: 'keys.send' },
  { keys: 'Shift + Enter', label: 'keys.newline' },
  { keys: '/', label: 'keys.canned' },
  { keys: 'Alt + /', label: 'keys.cannedAnywhere' },
  { keys: 'Alt + N', label: 'keys.note' },
  { keys: 'Alt + A', label: 'keys.accept' },
  { keys: 'Alt + T', label: 'keys.transfer' },
  { keys: 'Alt + C', label: 'keys.close' },
  { keys: 'Alt + M', label: 'keys.focus' },
  { keys: 'Alt + H', label: 'keys.help' },
];

export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="keys-title" data-testid="keyboard-help" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
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
      </div>
    </div>
  );
}
