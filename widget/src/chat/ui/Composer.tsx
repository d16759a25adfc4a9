import { LIMITS } from '@introserv/shared/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../i18n/i18n.js';
import { AttachIcon, SendIcon } from './icons.js';

interface Props {
  t: Translate;
  /** Returns whether the message went (false: nothing to send, or files still uploading). */
  onSend: (text: string) => boolean;
  /** The draft changed (typing indicator). */
  onDraft: (text: string) => void;
  /** Files picked, pasted (a screenshot) or dropped. */
  onFiles: (files: File[]) => void;
  /** The files about to go with the message, drawn above the field. */
  files?: ComponentChildren;
}

/**
 * Enter sends, Shift+Enter adds a line; Enter that confirms an IME composition does
 * neither. Text past the limit is never cut: it stays in the field, the field says why it
 * cannot go, and nothing is sent until it is short enough. Focused when the panel opens.
 */
export function Composer({ t, onSend, onDraft, onFiles, files }: Props) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const length = text.trim().length;
  const tooLong = length > LIMITS.messageTextMax;

  const submit = (): void => {
    // Read the field itself: a keydown can arrive before the re-render of the last input.
    const value = input.current?.value ?? text;
    if (value.trim().length > LIMITS.messageTextMax) return;
    if (!onSend(value)) return;
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
      {files}
      {tooLong && (
        <p id="composer-too-long" class="field-error" role="alert" data-testid="composer-too-long">
          {t('message.tooLong', { count: length, max: LIMITS.messageTextMax })}
        </p>
      )}
      <div class="composer-row">
        <button type="button" class="icon-button attach" data-testid="composer-attach" aria-label={t('files.attach')} title={t('files.attach')} onClick={() => picker.current?.click()}>
          <AttachIcon />
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          data-testid="composer-file"
          onChange={(e) => {
            const picked = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (picked.length) onFiles(picked);
          }}
        />
        <textarea
          ref={input}
          data-testid="composer-input"
          rows={1}
          aria-label={t('composer.label')}
          aria-invalid={tooLong}
          aria-describedby={tooLong ? 'composer-too-long' : undefined}
          placeholder={t('composer.placeholder')}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            onDraft(e.currentTarget.value);
          }}
          onPaste={(e) => {
            // A screenshot pasted from the clipboard arrives as a file.
            const pasted = Array.from(e.clipboardData?.files ?? []);
            if (!pasted.length) return;
            e.preventDefault();
            onFiles(pasted);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="icon-button send" data-testid="composer-send" aria-label={t('composer.send')} title={t('composer.send')} disabled={tooLong}>
          <SendIcon />
        </button>
      </div>
    </form>
  );
}
