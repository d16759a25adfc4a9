import type { Conversation, Escalation } from '@introserv/shared';
import { useEffect } from 'preact/hooks';
import { useSignal } from '@introserv/shared/client/use-signal';
import { errorText } from '../i18n/errorText.js';
import { useT } from '../i18n/useT.js';
import { useRequest } from '../hooks/use-request.js';
import type { EscalationDesk } from './escalation-desk.js';
import { escalationStateText } from './escalation-text.js';
import './escalation.css';

/** A local ticket opens in the console's Tickets page; a help desk's, on its own site. */
export function ticketHref(e: Escalation): string | null {
  if (e.ticket?.url) return e.ticket.url;
  if (e.provider === 'local' && e.ticket) return `#/tickets/${e.ticket.number.replace(/^#/, '')}`;
  return null;
}

/** The conversation's escalations as they stand, live: under the chat's header. */
export function EscalationBar({ desk, conversation }: { desk: EscalationDesk; conversation: Conversation }) {
  const { t } = useT();
  const state = useSignal(desk.state);
  useEffect(() => {
    void desk.load(conversation.id);
  }, [desk, conversation.id]);
  const list = state.byConversation[conversation.id] ?? [];
  if (list.length === 0) return null;
  return (
    <ul class="escalations" aria-label={t('escalation.listLabel')} data-testid="escalations">
      {list.map((e) => (
        <EscalationRow key={e.id} desk={desk} escalation={e} t={t} />
      ))}
    </ul>
  );
}

function EscalationRow({ desk, escalation: e, t }: { desk: EscalationDesk; escalation: Escalation; t: ReturnType<typeof useT>['t'] }) {
  const retrying = useRequest();
  const { busy } = retrying;
  const error = retrying.error?.code ?? null;
  const href = ticketHref(e);
  const retry = () => retrying.run(() => desk.retry(e.id));
  return (
    <li class={`escalation escalation-${e.state}`} data-testid="escalation" data-state={e.state} data-escalation-id={e.id} role={e.state === 'failed' || e.state === 'unconfirmed' ? 'alert' : 'status'}>
      <span class="escalation-text">{escalationStateText(e, t)}</span>
      {href && (
        <a href={href} {...(href.startsWith('#') ? {} : { target: '_blank', rel: 'noopener noreferrer' })} data-testid="escalation-ticket">
          {t('escalation.open')}
        </a>
      )}
      {(e.state === 'failed' || e.state === 'unconfirmed') && (
        <button type="button" class="btn btn-small" disabled={busy} aria-busy={busy} onClick={() => void retry()} data-testid="escalation-retry">
          {e.state === 'unconfirmed' ? t('escalation.retryAnyway') : t('escalation.retry')}
        </button>
      )}
      {error && <span class="escalation-error">{errorText(t, error)}</span>}
    </li>
  );
}
