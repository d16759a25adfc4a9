import { isolate, type Escalation } from '@introserv/shared';
import type { Translate } from '../i18n/i18n.js';

/**
 * One sentence on where an escalation stands, for the chat's bar and the alert. The help
 * desk's own words (`failure.detail`) are quoted as they came: they are what an admin
 * searches for.
 */
export function escalationStateText(e: Escalation, t: Translate): string {
  const reason = isolate(e.failure?.detail ?? '');
  switch (e.state) {
    case 'pending':
      return e.failure ? t('escalation.retrying', { attempt: e.attempts, reason }) : t('escalation.pending');
    case 'created':
      return t('escalation.created', { number: isolate(e.ticket?.number ?? '') });
    case 'unconfirmed':
      return t('escalation.unconfirmed', { reason, marker: isolate(e.marker) });
    case 'failed':
      if (e.failure?.reason === 'misconfigured') return t('escalation.misconfigured', { reason });
      if (e.failure?.reason === 'unreachable') return t('escalation.unreachable', { attempts: e.attempts, reason });
      return t('escalation.failed', { reason });
  }
}
