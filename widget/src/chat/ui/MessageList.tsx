import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatMessage } from '../connection/visitor-chat.js';
import type { Translate } from '../i18n/i18n.js';

function authorLabel(message: ChatMessage, t: Translate): string {
  switch (message.author.kind) {
    case 'visitor':
      return t('author.you');
    case 'operator':
      return message.author.name || t('author.operator');
    case 'system':
      return t('author.system');
  }
}

interface Props {
  messages: readonly ChatMessage[];
  t: Translate;
  onRetry(id: string): void;
}

/** The transcript. Every text is a text node: no HTML from anyone is ever parsed. */
export function MessageList({ messages, t, onRetry }: Props) {
  const list = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  return (
    <ol class="log" ref={list} role="log" aria-live="polite" aria-label={t('message.log')} tabIndex={0}>
      {messages.map((m) => (
        <li key={m.id} class="message" data-testid="message" data-author={m.author.kind} data-status={m.status}>
          <span class={m.author.kind === 'operator' ? 'author' : 'visually-hidden'}>{authorLabel(m, t)}</span>
          <p class="text">{m.text}</p>
          {m.status === 'pending' && <span class="meta">{t('message.pending')}</span>}
          {m.status === 'failed' && (
            <span class="meta">
              {t('message.failed')}
              <button type="button" class="retry" onClick={() => onRetry(m.id)}>
                {t('message.retry')}
              </button>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
