import { isolate, type Conversation, type Department } from '@introserv/shared/client';
import { CONSOLE_TIMING } from '../hooks/timing.js';
import { useNow } from '../hooks/use-now.js';
import { departmentName } from '../i18n/department-name.js';
import { LanguageFlag } from '../i18n/LanguageFlag.js';
import { formatDuration, formatTime } from '../i18n/format.js';
import { LANGUAGE_NAMES, type Translate } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { visitorLabel } from './label.js';
import { presenceText } from './presence-text.js';
import type { Sections } from './store.js';

export interface ConversationListProps {
  sections: Sections;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Visitor messages not seen yet, per conversation. */
  unread?: Readonly<Record<string, number>>;
  departments?: readonly Department[];
  /** A chat waiting longer than this is highlighted (WAIT_ALERT_SECONDS). */
  waitAlertSeconds?: number;
}

export const SECTION_ORDER = ['waiting', 'mine', 'others', 'closed'] as const;

/** The rows in the order they are shown: what Alt+↑/↓ walks through. */
export function listOrder(sections: Sections): string[] {
  return SECTION_ORDER.flatMap((key) => sections[key].map((c) => c.id));
}

export function ConversationList({ sections, selectedId, onSelect, unread = {}, departments = [], waitAlertSeconds = 60 }: ConversationListProps) {
  const { t } = useT();
  // Waiting times tick every second; the rest of the row changes with the data.
  const now = useNow(CONSOLE_TIMING.waitClockMs);
  return (
    <nav class="conv-list" aria-label={t('list.label')}>
      {SECTION_ORDER.map((key) => {
        const rows = sections[key];
        // Waiting and mine are always shown (an empty queue is news); the rest only when used.
        if (rows.length === 0 && (key === 'others' || key === 'closed')) return null;
        const headingId = `conv-section-${key}`;
        return (
          <section key={key} aria-labelledby={headingId} class="conv-section">
            <h2 id={headingId} class="conv-section-title">
              {t(`list.${key}`)} <span class="count">{rows.length}</span>
            </h2>
            {rows.length === 0 ? (
              <p class="muted conv-empty">{t('list.empty')}</p>
            ) : (
              <ul>
                {rows.map((c) => (
                  <li key={c.id}>
                    <Row
                      conversation={c}
                      selected={c.id === selectedId}
                      now={now}
                      unread={unread[c.id] ?? 0}
                      departments={departments}
                      overdue={c.status === 'queued' && now - c.createdAt > waitAlertSeconds * 1000}
                      onSelect={onSelect}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </nav>
  );
}

interface RowProps {
  conversation: Conversation;
  selected: boolean;
  now: number;
  unread: number;
  overdue: boolean;
  departments: readonly Department[];
  onSelect: (id: string) => void;
}

function Row({ conversation: c, selected, now, unread, overdue, departments, onSelect }: RowProps) {
  const { t, lang } = useT();
  const label = visitorLabel(c.visitor, t);
  const department = departmentName(c.department, t, lang, departments);
  return (
    <button
      type="button"
      class={`conv-item${selected ? ' selected' : ''}${overdue ? ' overdue' : ''}${unread > 0 ? ' has-unread' : ''}`}
      data-testid="conversation-item"
      data-status={c.status}
      data-conversation-id={c.id}
      data-overdue={overdue ? 'true' : undefined}
      aria-current={selected ? 'true' : undefined}
      title={`${isolate(label)} · ${isolate(c.visitor.page.title || c.visitor.page.url)}`}
      onClick={() => onSelect(c.id)}
    >
      <span class="conv-top">
        <span class="conv-flag" title={LANGUAGE_NAMES[c.language]}>
          <LanguageFlag lang={c.language} />
        </span>
        {/* Visitor and operator text is bidi-isolated: controls in it cannot reorder what follows. */}
        <span class="conv-title" data-testid="conversation-label">
          <bdi>{label}</bdi>
        </span>
        {c.lastMessage && (
          <time class="conv-time" dateTime={new Date(c.lastMessage.at).toISOString()} title={t('list.lastAt', { time: isolate(formatTime(c.lastMessage.at, lang)) })}>
            {formatTime(c.lastMessage.at, lang)}
          </time>
        )}
      </span>
      <span class="conv-middle">
        <span class="conv-preview">{c.lastMessage ? <bdi>{previewText(c.lastMessage, t)}</bdi> : <em>{t('list.noMessages')}</em>}</span>
        {unread > 0 && (
          <span class="unread" data-testid="unread" aria-label={t('list.unread', { count: unread })}>
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </span>
      <span class="conv-meta">
        <span class="dept-tag" data-testid="conversation-department">
          {department}
        </span>
        <span class="lang-tag" lang={c.language}>
          {c.language.toUpperCase()}
        </span>
        {c.status === 'queued' && (
          <span class="wait" data-testid="waiting-time">
            {t('list.waitingFor', { duration: isolate(formatDuration(now - c.createdAt, lang)) })}
            {overdue && <span class="visually-hidden"> · {t('list.overdue')}</span>}
          </span>
        )}
        {c.status !== 'queued' && c.operator && <span class="conv-operator">{t('list.operator', { name: isolate(c.operator.name) })}</span>}
        {c.status !== 'closed' && (
          <span class={`visitor-presence${c.visitor.online ? ' is-online' : ''}`} data-testid="visitor-presence" data-online={String(c.visitor.online)}>
            {presenceText(c.visitor, now, t, lang)}
          </span>
        )}
      </span>
    </button>
  );
}

function previewText(last: NonNullable<Conversation['lastMessage']>, t: Translate): string {
  return last.kind === 'note' ? t('list.notePreview', { text: isolate(last.text) }) : last.text;
}
