import type { Conversation } from '@introserv/shared';
import { formatDateTime } from '../i18n/format.js';
import { departmentName } from '../i18n/department-name.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { CONSOLE_TIMING } from '../app/timing.js';
import { useNow } from '../app/useNow.js';
import { presenceText } from '../conversations/presence-text.js';

export function VisitorDetails({ conversation: c }: { conversation: Conversation }) {
  const { t, lang } = useT();
  const now = useNow(CONSOLE_TIMING.detailsClockMs);
  const { page, timeZone, id } = c.visitor;
  return (
    <aside class="details" aria-labelledby="details-title" data-testid="visitor-details">
      <h2 id="details-title">{t('details.title')}</h2>
      <dl>
        <dt>{t('details.page')}</dt>
        <dd>{page.title ? <bdi>{page.title}</bdi> : t('details.none')}</dd>
        <dt>{t('details.url')}</dt>
        <dd class="break">
          {/^https?:\/\//i.test(page.url) ? (
            <a href={page.url} target="_blank" rel="noopener noreferrer nofollow">
              <bdi>{page.url}</bdi>
            </a>
          ) : (
            page.url
          )}
        </dd>
        <dt>{t('details.language')}</dt>
        <dd lang={c.language}>{LANGUAGE_NAMES[c.language]}</dd>
        <dt>{t('details.timeZone')}</dt>
        <dd>{timeZone}</dd>
        <dt>{t('details.localTime')}</dt>
        <dd>{formatDateTime(now, lang, timeZone)}</dd>
        <dt>{t('details.presence')}</dt>
        <dd data-testid="visitor-presence-details" data-online={String(c.visitor.online)}>
          {presenceText(c.visitor, now, t, lang)}
        </dd>
        <dt>{t('details.visitorId')}</dt>
        <dd class="break mono">{id}</dd>
        <dt>{t('details.started')}</dt>
        <dd>{formatDateTime(c.createdAt, lang)}</dd>
        <dt>{t('details.status')}</dt>
        <dd>{t(`status.${c.status}`)}</dd>
        <dt>{t('details.operator')}</dt>
        <dd>{c.operator?.name ?? t('details.none')}</dd>
        <dt>{t('details.department')}</dt>
        <dd>{departmentName(c.department, t, lang)}</dd>
      </dl>
    </aside>
  );
}
