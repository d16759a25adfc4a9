import { useSignal } from '@introserv/shared/client/use-signal';
import { useT } from '../i18n/useT.js';
import type { EscalationDesk } from './escalation-desk.js';
import { escalationStateText } from './escalation-text.js';
import './escalation.css';

/**
 * Escalations that need an operator: failed (a retry, or a fix by an admin) or unconfirmed
 * (search the help desk for the marker). Every operator sees them until someone acts.
 */
export function EscalationAlerts({ desk, onOpen }: { desk: EscalationDesk; onOpen: (conversationId: string) => void }) {
  const { t } = useT();
  const { attention } = useSignal(desk.state);
  if (attention.length === 0) return null;
  return (
    <section class="escalation-alerts" role="alert" aria-labelledby="escalation-alerts-title" data-testid="escalation-alerts">
      <h2 id="escalation-alerts-title">{t('escalation.alertTitle', { count: attention.length })}</h2>
      <ul>
        {attention.slice(0, 5).map((e) => (
          <li key={e.id} data-testid="escalation-alert" data-state={e.state}>
            <strong>{e.subject}</strong> <span>{escalationStateText(e, t)}</span>{' '}
            {e.conversationId ? (
              <button type="button" class="link" onClick={() => e.conversationId && onOpen(e.conversationId)}>
                {t('escalation.openChat')}
              </button>
            ) : (
              <span class="muted">{t('escalation.fromVisitor')}</span>
            )}{' '}
            <button type="button" class="link" onClick={() => void desk.retry(e.id).catch(() => undefined)}>
              {e.state === 'unconfirmed' ? t('escalation.retryAnyway') : t('escalation.retry')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
