import { isolate, type Escalation, type LocalTicket, type LocalTicketList } from '@introserv/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { consoleUrl } from '../api/route-url.js';
import { useRequest } from '../hooks/use-request.js';
import type { PageProps } from '../workspace/page-props.js';
import { escalationApi } from '../escalation/escalation-api.js';
import { escalationStateText } from '../escalation/escalation-text.js';
import { ticketHref } from '../escalation/EscalationBar.js';
import { errorText } from '../i18n/errorText.js';
import { formatDateTime } from '../i18n/format.js';
import { useT } from '../i18n/useT.js';
import '../escalation/escalation.css';
import './tickets.css';

/** `#/tickets/123456` names a ticket to show. */
const ticketInHash = (): string | null => /^#\/tickets\/(\d{6})$/.exec(location.hash)?.[1] ?? null;

/**
 * Tickets: the built-in help desk's tickets (listed and shown here), and the latest
 * escalations whatever the help desk, with their state.
 */
export function TicketsPage({ api, workspace }: PageProps) {
  const { t, lang } = useT();
  const tickets = useMemo(() => escalationApi(api.client), [api.client]);
  const [list, setList] = useState<LocalTicketList | null>(null);
  const [recent, setRecent] = useState<Escalation[]>([]);
  const request = useRequest();
  const error = request.error?.code ?? null;
  const [open, setOpen] = useState<string | null>(ticketInHash);
  const [ticket, setTicket] = useState<LocalTicket | null>(null);

  const onUpdate = (e: Escalation) => setRecent((r) => [e, ...r.filter((x) => x.id !== e.id)].sort((a, b) => b.createdAt - a.createdAt));
  const retry = (id: string) =>
    void request.run(() => tickets.retry(id)).then((res) => {
      if (res.ok) onUpdate(res.value);
    });

  useEffect(() => {
    const onHash = () => setOpen(ticketInHash());
    window.addEventListener('hashchange', onHash);
    workspace.channel.socket.on('escalation:updated', onUpdate);
    void request.run(() => Promise.all([tickets.tickets(), tickets.recent()])).then((res) => {
      if (!res.ok) return;
      const [l, r] = res.value;
      setList(l);
      setRecent(r);
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      workspace.channel.socket.off('escalation:updated', onUpdate);
    };
  }, [tickets, workspace]);

  useEffect(() => {
    setTicket(null);
    if (!open) return;
    void request.run(() => tickets.ticket(open)).then((res) => {
      if (res.ok) setTicket(res.value);
    });
    // A ticket filed meanwhile shows up in the list too.
    void tickets.tickets().then(setList, () => undefined);
  }, [open, tickets]);

  if (open) {
    return (
      <main class="page tickets" data-testid="ticket-page">
        <p>
          <a href="#/tickets">← {t('tickets.back')}</a>
        </p>
        {error && <p class="alert" role="alert">{errorText(t, error)}</p>}
        {!ticket && !error && <p class="muted" role="status">{t('app.loading')}</p>}
        {ticket && (
          <article class="ticket" data-testid="ticket" data-number={ticket.number}>
            <h1>
              {ticket.number} · {ticket.subject}
            </h1>
            <dl class="ticket-facts">
              <dt>{t('tickets.department')}</dt>
              <dd>{t(`departments.${ticket.department}`)}</dd>
              <dt>{t('tickets.priority')}</dt>
              <dd>{t(`escalation.${ticket.priority}`)}</dd>
              <dt>{t('tickets.requester')}</dt>
              <dd>
                {[ticket.requester.name, ticket.requester.email].filter(Boolean).join(' · ')} ({ticket.requester.kind === 'client' ? t('tickets.client') : t('tickets.guest')})
              </dd>
              <dt>{t('tickets.created')}</dt>
              <dd>{formatDateTime(ticket.createdAt, lang)}</dd>
            </dl>
            {/* The visitor's words: text only, never markup. */}
            <pre class="ticket-body" data-testid="ticket-body">
              {ticket.body}
            </pre>
            {ticket.files.length > 0 && (
              <ul class="ticket-files">
                {ticket.files.map((f) =>
                  f.name.startsWith('transcript.') ? (
                    <li key={f.name}>
                      <a href={tickets.fileUrl(ticket.number, f.name)} download>
                        {t('tickets.download', { name: isolate(f.name) })}
                      </a>
                    </li>
                  ) : f.attachmentId ? (
                    <li key={f.name}>
                      <a href={consoleUrl('attachments.get', { params: { id: f.attachmentId } })} target="_blank" rel="noopener noreferrer">
                        <bdi>{f.name}</bdi>
                      </a>
                    </li>
                  ) : (
                    <li key={f.name}>
                      <bdi>{f.name}</bdi>
                    </li>
                  ),
                )}
              </ul>
            )}
          </article>
        )}
      </main>
    );
  }

  return (
    <main class="page tickets" data-testid="tickets-page">
      <h1>{t('tickets.title')}</h1>
      {error && <p class="alert" role="alert">{errorText(t, error)}</p>}
      {list && list.provider !== 'local' && <p class="notice">{t('tickets.notLocal', { provider: isolate(list.provider) })}</p>}
      {list && list.tickets.length === 0 && <p class="muted">{t('tickets.empty')}</p>}
      {list && list.tickets.length > 0 && (
        <table class="ticket-table" data-testid="ticket-table">
          <thead>
            <tr>
              <th scope="col">{t('tickets.number')}</th>
              <th scope="col">{t('tickets.subject')}</th>
              <th scope="col">{t('tickets.department')}</th>
              <th scope="col">{t('tickets.priority')}</th>
              <th scope="col">{t('tickets.requester')}</th>
              <th scope="col">{t('tickets.created')}</th>
            </tr>
          </thead>
          <tbody>
            {list.tickets.map((x) => (
              <tr key={x.number} data-testid="ticket-row" data-number={x.number}>
                <td>
                  <a href={`#/tickets/${x.number.slice(1)}`}>{x.number}</a>
                </td>
                <td class="break">
                  <bdi>{x.subject}</bdi>
                </td>
                <td>{t(`departments.${x.department}`)}</td>
                <td class={x.priority === 'high' ? 'prio-high' : undefined}>{t(`escalation.${x.priority}`)}</td>
                <td class="break">
                  <bdi>{x.requester.name ?? x.requester.email ?? '—'}</bdi> <span class="muted">({x.requester.kind === 'client' ? t('tickets.client') : t('tickets.guest')})</span>
                </td>
                <td>{formatDateTime(x.createdAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recent.length > 0 && (
        <section class="recent-escalations">
          <h2>{t('tickets.escalations')}</h2>
          <ul class="escalations">
            {recent.slice(0, 30).map((e) => {
              const href = ticketHref(e);
              return (
                <li key={e.id} class={`escalation escalation-${e.state}`} data-state={e.state}>
                  <span class="escalation-text">
                    <strong>{e.subject}</strong> — {escalationStateText(e, t)}
                  </span>
                  {href && (
                    <a href={href} {...(href.startsWith('#') ? {} : { target: '_blank', rel: 'noopener noreferrer' })}>
                      {t('escalation.open')}
                    </a>
                  )}
                  {(e.state === 'failed' || e.state === 'unconfirmed') && (
                    <button type="button" class="btn btn-small" onClick={() => retry(e.id)}>
                      {e.state === 'unconfirmed' ? t('escalation.retryAnyway') : t('escalation.retry')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </main>
  );
}
