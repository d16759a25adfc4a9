import type { Attachment, Language } from '@introserv/shared/client';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatMessage } from '../connection/chat-state.js';
import type { FileAccess } from '../files/files.js';
import type { Translate } from '../i18n/i18n.js';
import { dayOf, formatDay, formatTime, initial } from './format.js';
import { loadFiles, useModule } from './lazy.js';
import { linkify } from './linkify.js';
import { systemText } from './system-text.js';

/** Messages of one author closer together than this form one group: one name, one time. */
export const GROUP_GAP_MS = 5 * 60_000;

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

const sameGroup = (a: ChatMessage | undefined, b: ChatMessage | undefined): boolean =>
  !!a && !!b && a.kind !== 'system' && b.kind !== 'system' && a.author.kind === b.author.kind && a.author.id === b.author.id && b.createdAt - a.createdAt < GROUP_GAP_MS && dayOf(a.createdAt) === dayOf(b.createdAt);

interface Props {
  messages: readonly ChatMessage[];
  t: Translate;
  language: Language;
  access: FileAccess;
  onRetry: (id: string) => void;
  now?: () => number;
  /** Shown after the last message, inside the scrolling log (the end of a chat). */
  footer?: ComponentChildren;
}

/**
 * The conversation: day separators, bubbles grouped by author (the operator's name and
 * initial on the first, the time on the last), the state of the visitor's last message,
 * links that are safe to follow, and files. Every text is a text node: no HTML from anyone
 * is ever parsed. The wrapper is the live region that announces new messages.
 */
export function MessageList({ messages, t, language, access, onRetry, now = Date.now, footer }: Props) {
  const log = useRef<HTMLDivElement>(null);
  const hasFooter = !!footer;
  useLayoutEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, hasFooter]);

  let lastVisitor = -1;
  messages.forEach((m, i) => {
    if (m.author.kind === 'visitor') lastVisitor = i;
  });
  const today = now();
  const items = messages.flatMap((m, i) => {
    const before = messages[i - 1];
    const day =
      !before || dayOf(before.createdAt) !== dayOf(m.createdAt) ? (
        <li key={`day-${dayOf(m.createdAt)}`} class="day">
          {formatDay(m.createdAt, today, language, t)}
        </li>
      ) : null;
    const line =
      m.kind === 'system' ? (
        <EventLine key={m.id} message={m} t={t} />
      ) : (
        <Bubble
          key={m.id}
          message={m}
          t={t}
          language={language}
          access={access}
          first={!sameGroup(before, m)}
          last={!sameGroup(m, messages[i + 1])}
          receipt={i === lastVisitor}
          onRetry={onRetry}
        />
      );
    return day ? [day, line] : [line];
  });

  return (
    <div class="log" ref={log} role="log" aria-live="polite" aria-label={t('message.log')} tabIndex={0}>
      <ol class="lines">{items}</ol>
      {footer}
    </div>
  );
}

interface BubbleProps {
  message: ChatMessage;
  t: Translate;
  language: Language;
  access: FileAccess;
  first: boolean;
  last: boolean;
  /** The visitor's latest message: it says how far it got. */
  receipt: boolean;
  onRetry: (id: string) => void;
}

function Bubble({ message: m, t, language, access, first, last, receipt, onRetry }: BubbleProps) {
  const operator = m.author.kind === 'operator';
  const state = m.status === 'pending' ? t('message.pending') : receipt && m.status !== 'failed' ? t(`message.${m.status}`) : null;
  return (
    <li class={`message${first ? ' first' : ''}${last ? ' last' : ''}`} data-testid="message" data-author={m.author.kind} data-status={m.status}>
      {operator && first && (
        <span class="avatar" aria-hidden="true">
          {initial(authorLabel(m, t))}
        </span>
      )}
      <div class="bubble">
        {/* User text is bidi-isolated: controls in a name or message cannot reorder what follows. */}
        <span class={operator && first ? 'author' : 'visually-hidden'}>
          <bdi>{authorLabel(m, t)}</bdi>
        </span>
        {m.text && (
          <p class="text" dir="auto">
            {linkify(m.text)}
          </p>
        )}
        {m.attachments?.length ? <Files attachments={m.attachments} access={access} t={t} /> : null}
      </div>
      {(last || state || m.status === 'failed') && (
        <span class="meta" data-testid={receipt ? 'receipt' : undefined}>
          {last && <time dateTime={new Date(m.createdAt).toISOString()}>{formatTime(m.createdAt, language)}</time>}
          {state && <span class="state">{state}</span>}
          {m.status === 'failed' && (
            <span class="state">
              {t('message.failed')}
              <button type="button" class="retry" onClick={() => onRetry(m.id)}>
                {t('message.retry')}
              </button>
            </span>
          )}
        </span>
      )}
    </li>
  );
}

/** Files in a message: their names at once, previews once the files chunk has loaded. */
function Files({ attachments, access, t }: { attachments: readonly Attachment[]; access: FileAccess; t: Translate }) {
  const files = useModule(loadFiles);
  if (files) return <files.AttachmentList attachments={attachments} access={access} t={t} />;
  return (
    <ul class="files">
      {attachments.map((a) => (
        <li key={a.id} class="file-name" data-testid="attachment">
          <bdi>{a.name}</bdi>
        </li>
      ))}
    </ul>
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
