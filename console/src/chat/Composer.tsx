import { LIMITS, type Attachment, type CannedResponse, type Language } from '@introserv/shared';
import { Signal } from '@introserv/shared/client';
import type { Ref, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useSignal } from '@introserv/shared/client/use-signal';
import { useT } from '../i18n/useT.js';
import { CannedPicker, searchCanned } from './CannedPicker.js';
import { UploadDrafts } from './UploadDrafts.js';
import type { OperatorUploads, UploadDraft } from './uploads.js';

export interface ComposerProps {
  onSend: (text: string, attachments?: Attachment[]) => void;
  /** Replies are disabled (the chat is not the operator's); notes may still be written when `onSendNote` is given. */
  disabled: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
  /** Writes an internal note instead of a reply. */
  onSendNote?: (text: string) => void;
  /** Canned responses to offer after `/`; those in the chat's language first. */
  canned?: readonly CannedResponse[];
  language?: Language;
  /** The reply changed (the visitor sees "typing"); notes are never reported. */
  onDraft?: (text: string) => void;
  /** Files for this conversation: an attach button, paste, and the drafts above the field (replies only). */
  uploads?: OperatorUploads | null;
}

type Mode = 'reply' | 'note';

/**
 * Enter sends, Shift+Enter inserts a newline; IME composition is left alone. `/` at the
 * start (or Alt+/ anywhere) offers canned responses; Alt+N switches between a reply and an
 * internal note, which only operators see.
 */
export function Composer({ onSend, disabled, inputRef, onSendNote, canned = [], language = 'en', onDraft, uploads }: ComposerProps) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<Mode>('reply');
  /** The canned search: from `/…` typed at the start, or from the picker's own field after Alt+/. */
  const [picker, setPicker] = useState<{ query: string; typed: boolean } | null>(null);
  const [active, setActive] = useState(0);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const filePicker = useRef<HTMLInputElement>(null);
  const drafts = useSignal(uploads?.drafts ?? NO_DRAFTS);
  const textarea: RefObject<HTMLTextAreaElement> = inputRef && typeof inputRef === 'object' ? inputRef : ownRef;
  const trimmed = text.trim();
  const tooLong = trimmed.length > LIMITS.messageTextMax;
  const note = mode === 'note' && onSendNote !== undefined;
  const blocked = !note && disabled;
  const matches = picker ? searchCanned(canned, picker.query, language) : [];
  // Files go with replies only: a note is for colleagues and has no attachments.
  const files = !note && drafts.some((d) => d.attachment);
  const uploading = !note && (uploads?.busy ?? false);
  const empty = !trimmed && !files;

  useEffect(() => setActive(0), [picker?.query]);

  const submit = (): void => {
    if (blocked || empty || tooLong || uploading) return;
    if (note) onSendNote(trimmed);
    else onSend(trimmed, uploads?.take() ?? []);
    setText('');
  };

  const choose = (response: CannedResponse | undefined): void => {
    if (!response || !picker) return;
    const el = textarea.current;
    if (picker.typed) {
      setText(response.text);
    } else {
      // Alt+/: the answer goes where the cursor was.
      const at = el?.selectionStart ?? text.length;
      setText(text.slice(0, at) + response.text + text.slice(el?.selectionEnd ?? at));
    }
    setPicker(null);
    queueMicrotask(() => el?.focus());
  };

  /** Keys the picker handles while it is open: ↑/↓ move, Enter or Tab insert, Escape closes. */
  const pickerKey = (e: KeyboardEvent): boolean => {
    if (!picker) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (matches.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length);
      return true;
    }
    if ((e.key === 'Enter' || e.key === 'Tab') && matches.length) {
      e.preventDefault();
      choose(matches[active]);
      return true;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      setPicker(null);
      textarea.current?.focus();
      return true;
    }
    return false;
  };

  const toggleMode = (): void => {
    if (onSendNote) setMode((m) => (m === 'note' ? 'reply' : 'note'));
  };

  return (
    <form
      class={`composer${note ? ' composer-note' : ''}`}
      data-mode={note ? 'note' : 'reply'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {onSendNote && (
        <div class="composer-modes" role="radiogroup" aria-label={t('composer.mode')}>
          {(['reply', 'note'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              class={`mode mode-${m}`}
              data-testid={`composer-mode-${m}`}
              onClick={() => {
                setMode(m);
                textarea.current?.focus();
              }}
            >
              {t(m === 'reply' ? 'composer.reply' : 'composer.note')}
            </button>
          ))}
          <span class="muted composer-tip">{t('composer.cannedHint')}</span>
        </div>
      )}
      {picker && (
        <CannedPicker
          matches={matches}
          active={active}
          language={language}
          query={picker.typed ? null : picker.query}
          onQuery={(query) => setPicker({ query, typed: false })}
          onKey={pickerKey}
          onChoose={choose}
          onHover={setActive}
        />
      )}
      <label for="composer-input" class="visually-hidden">
        {t(note ? 'composer.note' : 'composer.label')}
      </label>
      <textarea
        id="composer-input"
        ref={textarea}
        data-testid="composer-input"
        rows={3}
        value={text}
        disabled={blocked}
        placeholder={note ? t('composer.notePlaceholder') : t('composer.placeholder')}
        aria-invalid={tooLong}
        aria-describedby={tooLong ? 'composer-too-long' : undefined}
        aria-expanded={picker !== null}
        aria-controls={picker ? 'canned-picker' : undefined}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          if (!note) onDraft?.(value);
          const typed = /^\/(\S*)$/.exec(value);
          if (typed) setPicker({ query: typed[1] ?? '', typed: true });
          else if (picker?.typed) setPicker(null);
        }}
        onPaste={(e) => {
          // A screenshot pasted from the clipboard arrives as a file.
          const pasted = Array.from(e.clipboardData?.files ?? []);
          if (!uploads || note || !pasted.length) return;
          e.preventDefault();
          uploads.add(pasted);
        }}
        onKeyDown={(e) => {
          if (picker?.typed && pickerKey(e)) return;
          if (e.altKey && e.code === 'Slash') {
            e.preventDefault();
            setPicker({ query: '', typed: false });
            return;
          }
          if (e.altKey && e.code === 'KeyN') {
            e.preventDefault();
            toggleMode();
            return;
          }
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
      {uploads && !note && <UploadDrafts uploads={uploads} />}
      <div class="composer-actions">
        {uploads && !note && (
          <>
            <input
              ref={filePicker}
              type="file"
              multiple
              hidden
              data-testid="composer-file"
              onChange={(e) => {
                const picked = Array.from(e.currentTarget.files ?? []);
                e.currentTarget.value = '';
                if (picked.length) uploads.add(picked);
              }}
            />
            <button type="button" class="btn" data-testid="composer-attach" disabled={disabled} onClick={() => filePicker.current?.click()}>
              {t('files.attach')}
            </button>
          </>
        )}
        <button type="submit" class="btn btn-primary" data-testid="composer-send" disabled={blocked || empty || tooLong || uploading}>
          {note ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}

const NO_DRAFTS = new Signal<readonly UploadDraft[]>([]);
