import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatMessage } from '../connection/visitor-chat.js';
import type { Translate } from '../i18n/i18n.js';
import { systemText } from './system-text.js';

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
  onRetry: (id: string) => void;
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
      {messages.map((m) => (m.kind === 'system' ? <EventLine key={m.id} message={m} t={t} /> : <Bubble key={m.id} message={m} t={t} onRetry={onRetry} />))}
    </ol>
  );
}

function Bubble({ message: m, t, onRetry }: { message: ChatMessage; t: Translate; onRetry: (id: string) => void }) {
  return (
    <li class="message" data-testid="message" data-author={m.author.kind} data-status={m.status}>
      {/* User text is bidi-isolated: controls in a name or message cannot reorder what follows. */}
      <span class={m.author.kind === 'operator' ? 'author' : 'visually-hidden'}>
        <bdi>{authorLabel(m, t)}</bdi>
      </span>
      <p class="text" dir="auto">
        {m.text}
      </p>
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
  );
}

/** A system event: one small centered line in the visitor's language, not a bubble. */
function EventLine({ message, t }: { message: ChatMessage; t: Translate }) {
  const event = message.event;
  // The server accepts only http(s) ticket links (see SystemEvent), so this is never a script URL.
  const ticketUrl = event?.type === 'ticket-created' ? event.ticket.url : null;
  return (
    <li class="event" data-testid="event" data-event={event?.type ?? 'unknown'}>
      {systemText(event, t)}
      {ticketUrl && (
        <>
          {' '}
          <a href={ticketUrl} target="_blank" rel="noopener noreferrer">
            {t('event.openTicket')}
          </a>
        </>
      )}
    </li>
  );
}
