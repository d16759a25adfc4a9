import { useT } from '../i18n/useT.js';
import type { VisitorDraft } from './typing.js';

/**
 * What the visitor is typing, before they send it: the operator can prepare an answer.
 * Not a live region: a screen reader would read every keystroke.
 */
export function TypingPreview({ draft }: { draft: VisitorDraft | undefined }) {
  const { t } = useT();
  if (!draft) return null;
  return (
    <p class="typing-preview" data-testid="typing-preview">
      <span class="typing-label">{t('chat.visitorTyping')}</span> <bdi class="typing-text">{draft.text}</bdi>
    </p>
  );
}
