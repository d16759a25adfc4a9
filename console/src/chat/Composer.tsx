import { LIMITS } from '@introserv/shared';
import { useState } from 'preact/hooks';
import type { Ref } from 'preact';
import { useT } from '../i18n/useT.js';

export interface ComposerProps {
  onSend: (text: string) => void;
  disabled: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
}

/** Enter sends, Shift+Enter inserts a newline; IME composition is left alone. */
export function Composer({ onSend, disabled, inputRef }: ComposerProps) {
  const { t } = useT();
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const tooLong = trimmed.length > LIMITS.messageTextMax;

  const submit = (): void => {
    if (disabled || !trimmed || tooLong) return;
    onSend(trimmed);
    setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for="composer-input" class="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id="composer-input"
        ref={inputRef}
        data-testid="composer-input"
        rows={3}
        value={text}
        disabled={disabled}
        placeholder={t('composer.placeholder')}
        aria-invalid={tooLong}
        aria-describedby={tooLong ? 'composer-too-long' : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {tooLong && (
        <p id="composer-too-long" class="field-error" role="alert">
          {t('composer.tooLong', { max: LIMITS.messageTextMax })}
        </p>
      )}
      <button type="submit" class="btn btn-primary" data-testid="composer-send" disabled={disabled || !trimmed || tooLong}>
        {t('composer.send')}
      </button>
    </form>
  );
}
