import { isolate, type Attachment, type CannedResponse, type Conversation, type Department, type Message } from '@introserv/shared/client';
import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { type ConsoleError } from '../api/errors.js';
import { formatTime } from '../i18n/format.js';
import { errorText } from '../i18n/errorText.js';
import type { Translate } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import type { PendingMessage } from '../realtime/outbox.js';
import { Composer } from './Composer.js';
import { eventText } from './event-text.js';
import { visitorLabel } from '../conversations/label.js';
import { departmentName } from '../i18n/department-name.js';
import { dayKey, dayLabel } from './days.js';
import { RichText } from './RichText.js';
import { AttachmentList } from './AttachmentList.js';
import { RatingBadge } from './RatingBadge.js';
import type { OperatorUploads } from './uploads.js';

export interface ChatViewProps {
  conversation: Conversation;
  messages: readonly Message[];
  pending: readonly PendingMessage[];
  operatorId: string;
  loading: boolean;
  busy: 'accept' | 'close' | 'transfer' | 'reopen' | null;
  error: ConsoleError | null;
  onAccept: () => void;
  onClose: () => void;
  onSend: (text: string, attachments?: Attachment[]) => void;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  onDismissError: () => void;
  /** Features' parts of the chat view: more actions in its header, and a bar under it (escalations). */
  extensions?: { actions?: ComponentChildren; bar?: ComponentChildren };
  /** Opens a closed conversation again (as the operator's). */
  onReopen?: () => void;
  /** Opens the transfer dialog. */
  onTransfer?: () => void;
  /** Writes an internal note. */
  onSendNote?: (text: string) => void;
  canned?: readonly CannedResponse[];
  /** Names transfer events' departments. */
  departments?: readonly Department[];
  /** Phones and tablets show one pane at a time: back to the list, and to the visitor's details. */
  onBack?: () => void;
  onShowDetails?: () => void;
  /** The visitor's live draft (TypingPreview), shown above the composer. */
  typing?: ComponentChildren;
  /** The operator's reply changed. */
  onDraft?: (text: string) => void;
  /** This conversation's file uploads. */
  uploads?: OperatorUploads | null;
}

export function ChatView(props: ChatViewProps) {
  const { conversation: c, messages, pending, operatorId, loading, busy, error } = props;
  const { t, lang } = useT();
  const logRef = useRef<HTMLOListElement>(null);
  const stickToBottom = useRef(true);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const mine = c.status === 'assigned' && c.operator?.id === operatorId;
  const title = visitorLabel(c.visitor, t);
  const nameDepartment = (id: string) => departmentName(id, t, lang, props.departments);

  // Follow new messages unless the operator scrolled up to read older ones.
  useLayoutEffect(() => {
    const el = logRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [messages.length, pending.length, c.id]);

  useEffect(() => {
    stickToBottom.current = true;
  }, [c.id]);

  // Once the chat becomes the operator's (accepted), put the cursor where they will type.
  useEffect(() => {
    if (mine) inputRef.current?.focus();
  }, [mine, c.id]);

  return (
    <section class="chat" data-testid="chat-view" data-conversation-id={c.id} aria-labelledby="chat-title">
      <header class="chat-header">
        {props.onBack && (
          <button type="button" class="btn btn-small pane-back" data-testid="back-to-list" onClick={props.onBack} aria-label={t('chat.back')}>
            ←<span class="pane-back-text"> {t('chat.back')}</span>
          </button>
        )}
        <div class="chat-heading">
          <h2 id="chat-title" class="chat-title">
            {title}
          </h2>
          <span class={`badge badge-${c.status}`}>{t(`status.${c.status}`)}</span>
          <RatingBadge rating={c.rating} />
        </div>
        <div class="chat-actions">
          {c.status === 'queued' && (
            <button type="button" class="btn btn-primary" data-testid="accept-button" onClick={props.onAccept} disabled={busy !== null} aria-busy={busy === 'accept'}>
              {busy === 'accept' ? t('chat.accepting') : t('chat.accept')}
            </button>
          )}
          {props.onTransfer && (mine || c.status === 'queued') && (
            <button type="button" class="btn" data-testid="transfer-button" onClick={props.onTransfer} disabled={busy !== null} aria-busy={busy === 'transfer'} aria-haspopup="dialog">
              {t('chat.transfer')}
            </button>
          )}
          {mine && (
            <button type="button" class="btn btn-danger" data-testid="close-button" onClick={props.onClose} disabled={busy !== null} aria-busy={busy === 'close'}>
              {busy === 'close' ? t('chat.closing') : t('chat.close')}
            </button>
          )}
          {props.onReopen && c.status === 'closed' && (
            <button type="button" class="btn" data-testid="reopen-button" onClick={props.onReopen} disabled={busy !== null} aria-busy={busy === 'reopen'}>
              {busy === 'reopen' ? t('chat.reopening') : t('chat.reopen')}
            </button>
          )}
          {props.onShowDetails && (
            <button type="button" class="btn pane-details" data-testid="show-details" onClick={props.onShowDetails}>
              {t('chat.showDetails')}
            </button>
          )}
          {props.extensions?.actions}
        </div>
      </header>
      {props.extensions?.bar}

      {error && (
        <div class="alert chat-alert" role="alert" data-testid="chat-error" data-code={error.code}>
          <span>{errorText(t, error.code)}</span>
          <button type="button" class="btn btn-small" onClick={props.onDismissError}>
            {t('chat.dismiss')}
          </button>
        </div>
      )}

      <ol
        ref={logRef}
        class="messages"
        role="log"
        aria-live="polite"
        aria-label={t('chat.messages')}
        aria-busy={loading}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        {messages.map((m, i) => (
          <Fragment key={m.id}>
            {/* Whole days apart: a separator where the day changes (in the operator's time zone). */}
            {(i === 0 || dayKey(messages[i - 1]?.createdAt ?? 0) !== dayKey(m.createdAt)) && (
              <li class="day-separator" data-testid="day-separator" role="separator">
                <span>{dayLabel(m.createdAt, Date.now(), t, lang)}</span>
              </li>
            )}
            {m.kind === 'system' ? (
              <EventLine message={m} time={formatTime(m.createdAt, lang)} t={t} departmentName={nameDepartment} />
            ) : (
              <Bubble
                author={m.author.kind}
                note={m.kind === 'note'}
                name={m.kind === 'note' ? `${t('chat.note')} · ${isolate(authorName(m, operatorId, t))}` : authorName(m, operatorId, t)}
                time={formatTime(m.createdAt, lang)}
                text={m.text}
                attachments={m.attachments}
              />
            )}
          </Fragment>
        ))}
        {pending.map((p) => (
          <Bubble
            key={p.id}
            author="operator"
            note={p.kind === 'note'}
            name={p.kind === 'note' ? `${t('chat.note')} · ${t('chat.you')}` : t('chat.you')}
            time={formatTime(p.createdAt, lang)}
            text={p.text}
            attachments={p.attachments}
            pending={p}
          >
            {p.state === 'failed' ? (
              <span class="pending-state failed">
                {/* The punctuation is the locale's: French puts a narrow no-break space before the colon. */}
                {p.error ? t('chat.notSentBecause', { reason: isolate(errorText(t, p.error.code)) }) : t('chat.notSent')}{' '}
                <button type="button" class="link" onClick={() => props.onRetry(p.id)}>
                  {t('chat.retry')}
                </button>{' '}
                <button type="button" class="link" onClick={() => props.onDiscard(p.id)}>
                  {t('chat.discard')}
                </button>
              </span>
            ) : (
              <span class="pending-state">{p.state === 'sending' ? t('chat.sending') : t('chat.waitingToSend')}</span>
            )}
          </Bubble>
        ))}
      </ol>
      {loading && messages.length === 0 && <p class="muted chat-hint">{t('chat.loading')}</p>}
      {!loading && messages.length === 0 && pending.length === 0 && <p class="muted chat-hint">{t('chat.noMessages')}</p>}

      {c.status === 'queued' && <p class="chat-hint">{t('chat.queuedHint')}</p>}
      {c.status === 'closed' && <p class="chat-hint">{props.onReopen ? `${t('chat.closedHint')} ${t('chat.reopenHint')}` : t('chat.closedHint')}</p>}
      {c.status === 'assigned' && !mine && c.operator && <p class="chat-hint">{t('chat.othersHint', { name: isolate(c.operator.name) })}</p>}
      {props.typing}
      <Composer
        key={c.id}
        onSend={props.onSend}
        disabled={!mine}
        inputRef={inputRef}
        onSendNote={props.onSendNote}
        canned={props.canned}
        language={c.language}
        {...(props.onDraft ? { onDraft: props.onDraft } : {})}
        uploads={props.uploads ?? null}
      />
    </section>
  );
}

interface BubbleProps {
  author: Message['author']['kind'];
  /** An internal note: operators only, styled apart so that nobody takes it for a reply. */
  note?: boolean;
  name: string;
  time: string;
  text: string;
  attachments?: readonly Attachment[] | undefined;
  pending?: PendingMessage;
  children?: ComponentChildren;
}

function Bubble({ author, note = false, name, time, text, attachments, pending, children }: BubbleProps) {
  return (
    <li
      class={`message message-${author}${note ? ' message-note' : ''}${pending ? ` pending pending-${pending.state}` : ''}`}
      data-testid="message"
      data-author={author}
      data-kind={note ? 'note' : 'text'}
      data-pending={pending ? pending.state : undefined}
    >
      <span class="message-meta">
        {/* User text is bidi-isolated: controls in a name or message cannot reorder what follows. */}
        <span class="message-author">
          <bdi>{name}</bdi>
        </span>{' '}
        <time>{time}</time>
      </span>
      {/* Text only: user content is never parsed as HTML. white-space: pre-wrap keeps newlines. */}
      {text && (
        <p class="message-text" dir="auto">
          <RichText text={text} />
        </p>
      )}
      {attachments?.length ? <AttachmentList attachments={attachments} /> : null}
      {children}
    </li>
  );
}

/** A system event: one small centered line in the operator's language, not a bubble. */
function EventLine({ message, time, t, departmentName }: { message: Message; time: string; t: Translate; departmentName?: (id: string) => string }) {
  const event = message.event;
  // The contract accepts only http(s) ticket links, so this is never a script URL.
  const ticketUrl = event?.type === 'ticket-created' ? event.ticket.url : null;
  return (
    <li class="event" data-testid="event" data-event={event?.type ?? 'unknown'}>
      <time>{time}</time> {eventText(event, t, departmentName)}
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

function authorName(m: Message, operatorId: string, t: Translate): string {
  if (m.author.kind === 'visitor') return t('chat.visitor');
  if (m.author.kind === 'system') return t('chat.system');
  if (m.author.id === operatorId) return t('chat.you');
  return m.author.name ?? t('chat.operator');
}
