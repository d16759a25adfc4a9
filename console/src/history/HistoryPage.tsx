import { isolate, type Conversation, type HistoryQuery, type Message } from '@introserv/shared';
import { useSignal } from '@introserv/shared/client/use-signal';
import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../workspace/page-props.js';
import { eventText } from '../chat/event-text.js';
import { RichText } from '../chat/RichText.js';
import { transcriptUrl, visitorApi } from '../chat/visitor-api.js';
import { visitorLabel } from '../conversations/label.js';
import { departmentName } from '../i18n/department-name.js';
import { errorText } from '../i18n/errorText.js';
import { LanguageFlag } from '../i18n/LanguageFlag.js';
import { formatDateTime, formatTime } from '../i18n/format.js';
import { useT } from '../i18n/useT.js';
import { useRequest } from '../hooks/use-request.js';

interface Filter {
  q: string;
  from: string;
  to: string;
}

/** The search as the route's query: empty fields are left out. */
function historyQuery(filter: Filter, before?: number): Partial<HistoryQuery> {
  return { q: filter.q.trim() || undefined, from: filter.from || undefined, to: filter.to || undefined, before: before || undefined };
}

/** Closed conversations: search by the visitor's name, e-mail and the words of the chat, within dates; read one, open it, or get its transcript. */
export function HistoryPage({ api, workspace }: PageProps) {
  const { t, lang } = useT();
  const config = useSignal(workspace.config);
  const [filter, setFilter] = useState<Filter>({ q: '', from: '', to: '' });
  const [results, setResults] = useState<Conversation[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const searching = useRequest();
  const error = searching.error;
  const [selected, setSelected] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[] | null>(null);

  const search = async (more = false): Promise<void> => {
    const res = await searching.run(() => api.client.call('history.search', { query: historyQuery(filter, more ? (next ?? undefined) : undefined) }));
    if (!res.ok) return;
    setResults(more ? [...(results ?? []), ...res.value.conversations] : res.value.conversations);
    setNext(res.value.next);
  };

  useEffect(() => {
    void search();
  }, []);

  const read = (c: Conversation): void => {
    setSelected(c);
    setMessages(null);
    void visitorApi(api.client)
      .messages(c.id)
      .then(setMessages, () => setMessages([]));
  };

  return (
    <main class="page history-page" data-testid="history-page">
      <h1>{t('history.title')}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label class="field grow">
          {t('history.query')}
          <input type="search" data-testid="history-query" value={filter.q} onInput={(e) => setFilter({ ...filter, q: e.currentTarget.value })} />
        </label>
        <label class="field">
          {t('history.from')}
          <input type="date" data-testid="history-from" value={filter.from} onInput={(e) => setFilter({ ...filter, from: e.currentTarget.value })} />
        </label>
        <label class="field">
          {t('history.to')}
          <input type="date" data-testid="history-to" value={filter.to} onInput={(e) => setFilter({ ...filter, to: e.currentTarget.value })} />
        </label>
        <button type="submit" class="btn btn-primary" data-testid="history-search">
          {t('history.search')}
        </button>
      </form>
      {error && (
        <p class="alert" role="alert">
          {errorText(t, error.code)}
        </p>
      )}
      <div class="history-panes">
        <section aria-label={t('history.title')}>
          {results && results.length === 0 && <p class="muted">{t('history.empty')}</p>}
          <ul class="history-list">
            {(results ?? []).map((c) => (
              <li key={c.id}>
                <button type="button" class={`history-item${selected?.id === c.id ? ' selected' : ''}`} data-testid="history-result" data-conversation-id={c.id} onClick={() => read(c)}>
                  <span class="conv-top">
                    <span class="conv-flag">
                      <LanguageFlag lang={c.language} />
                    </span>
                    <span class="conv-title">
                      <bdi>{visitorLabel(c.visitor, t)}</bdi>
                    </span>
                    <time class="conv-time">{formatDateTime(c.createdAt, lang)}</time>
                  </span>
                  <span class="conv-preview">
                    <bdi>{c.lastMessage?.text ?? ''}</bdi>
                  </span>
                  <span class="conv-meta">
                    <span class="dept-tag">{departmentName(c.department, t, lang, config.departments)}</span>
                    {c.visitor.email && (
                      <span>
                        <bdi>{c.visitor.email}</bdi>
                      </span>
                    )}
                    {c.operator && <span>{t('list.operator', { name: isolate(c.operator.name) })}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {next !== null && (
            <button type="button" class="btn" onClick={() => void search(true)}>
              {t('history.more')}
            </button>
          )}
        </section>
        <section class="history-reader" aria-live="polite">
          {!selected ? (
            <p class="muted">{t('history.select')}</p>
          ) : (
            <>
              <header class="reader-head">
                <h2>{visitorLabel(selected.visitor, t)}</h2>
                <span class="muted">{t('history.startedAt', { date: isolate(formatDateTime(selected.createdAt, lang)) })}</span>
                <span class="reader-actions">
                  <button
                    type="button"
                    class="btn"
                    data-testid="history-open"
                    onClick={() => {
                      workspace.open(selected);
                      location.hash = '';
                    }}
                  >
                    {t('history.open')}
                  </button>
                  <a class="btn" href={transcriptUrl(selected.id, lang)} target="_blank" rel="noopener noreferrer">
                    {t('history.transcript')}
                  </a>
                </span>
              </header>
              <ol class="mini-log" data-testid="history-messages">
                {(messages ?? []).map((m) => (
                  <li key={m.id} class={`mini-${m.kind}`}>
                    <time class="muted">{formatTime(m.createdAt, lang)}</time>{' '}
                    {m.kind === 'system' ? (
                      <em>{eventText(m.event, t, (d) => departmentName(d, t, lang, config.departments))}</em>
                    ) : (
                      <>
                        <strong>{t('history.said', { name: isolate(m.kind === 'note' ? t('chat.note') : m.author.kind === 'visitor' ? t('chat.visitor') : (m.author.name ?? t('chat.operator'))) })}</strong> <RichText text={m.text} />
                      </>
                    )}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>
    </main>
  );
}
