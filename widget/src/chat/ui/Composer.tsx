import { LIMITS } from '@introserv/shared/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n.js';
import { SendIcon } from './icons.js';

interface Props {
  t: Translate;
  onSend: (text: string) => void;
}

/**
 * Enter sends, Shift+Enter adds a line; Enter that confirms an IME composition does
 * neither. Focused when the panel opens.
 */
export function Composer({ t, onSend }: Props) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = (): void => {
    // Read the field itself: a keydown can arrive before the re-render of the last input.
    const value = input.current?.value ?? text;
    if (!value.trim()) return;
    onSend(value);
    setText('');
    if (input.current) input.current.value = '';
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={input}
        data-testid="composer-input"
        rows={1}
        maxLength={LIMITS.messageTextMax}
        aria-label={t('composer.label')}
        placeholder={t('composer.placeholder')}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="icon-button send" data-testid="composer-send" aria-label={t('composer.send')} title={t('composer.send')}>
        <SendIcon />
      </button>
    </form>
  );
}
