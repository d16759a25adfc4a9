import { isolate, type Conversation } from '@introserv/shared/client';
import { formatDuration } from '../i18n/format.js';
import type { Translate } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { CONSOLE_TIMING } from '../app/timing.js';
import { useNow } from '../app/useNow.js';
import { presenceText } from './presence-text.js';
import type { Sections } from './store.js';

export interface ConversationListProps {
  sections: Sections;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

const ORDER = ['waiting', 'mine', 'others', 'closed'] as const;

export function ConversationList({ sections, selectedId, onSelect }: ConversationListProps) {
  const { t } = useT();
  const now = useNow(CONSOLE_TIMING.listClockMs);
  return (
    <nav class="conv-list" aria-label={t('list.label')}>
      {ORDER.map((key) => {
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
                    <Row conversation={c} selected={c.id === selectedId} now={now} onSelect={onSelect} />
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

function Row({ conversation: c, selected, now, onSelect }: { conversation: Conversation; selected: boolean; now: number; onSelect: (id: string) => void }) {
  const { t, lang } = useT();
  const title = c.visitor.page.title.trim() || c.visitor.page.url;
  return (
    <button
      type="button"
      class={`conv-item${selected ? ' selected' : ''}`}
      data-testid="conversation-item"
      data-status={c.status}
      data-conversation-id={c.id}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(c.id)}
    >
      <span class="conv-top">
        <span class="conv-title">
          <bdi>{title}</bdi>
        </span>
        <span class={`badge badge-${c.status}`}>{t(`status.${c.status}`)}</span>
      </span>
      {/* Visitor text is bidi-isolated: controls in it cannot reorder what follows. */}
      <span class="conv-url">
        <bdi>{c.visitor.page.url}</bdi>
      </span>
      <span class="conv-preview">{c.lastMessage ? <bdi>{previewText(c.lastMessage, t)}</bdi> : <em>{t('list.noMessages')}</em>}</span>
      <span class="conv-meta">
        <span class="lang-tag" lang={c.language}>
          {c.language.toUpperCase()}
        </span>
        {c.status === 'queued' && <span class="wait">{t('list.waitingFor', { duration: formatDuration(now - c.createdAt, lang) })}</span>}
        {c.status !== 'queued' && c.operator && <span>{t('list.operator', { name: isolate(c.operator.name) })}</span>}
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
