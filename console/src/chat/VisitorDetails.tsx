import type { Conversation, Department, Message, VisitorPanel } from '@introserv/shared';
import { useEffect, useState } from 'preact/hooks';
import { CONSOLE_TIMING } from '../hooks/timing.js';
import { useNow } from '../hooks/use-now.js';
import { presenceText } from '../conversations/presence-text.js';
import { departmentName } from '../i18n/department-name.js';
import { countryName } from '../i18n/flags.js';
import { LanguageFlag } from '../i18n/LanguageFlag.js';
import { formatDateTime, formatTime } from '../i18n/format.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { eventText } from './event-text.js';
import { parseUserAgent } from './user-agent.js';
import { transcriptUrl, type VisitorApi } from './visitor-api.js';

export interface VisitorDetailsProps {
  conversation: Conversation;
  /** Without it (tests, an older server) the panel shows what the conversation itself carries. */
  api?: VisitorApi;
  departments?: readonly Department[];
  /** Opens an earlier conversation in the chat view. */
  onOpen?: (conversation: Conversation) => void;
  /** Phones: back from the details to the chat. */
  onHide?: () => void;
}

/**
 * Everything known about the visitor: who (name, e-mail, a verified Client Area account or
 * not), where (current page and this visit's pages, site, IP and country), with what
 * (language, browser and OS), when (local time and zone), and their conversations with
 * transcripts.
 */
export function VisitorDetails({ conversation: c, api, departments = [], onOpen, onHide }: VisitorDetailsProps) {
  const { t, lang } = useT();
  const now = useNow(CONSOLE_TIMING.detailsClockMs);
  const [panel, setPanel] = useState<VisitorPanel | null>(null);
  const [failed, setFailed] = useState(false);
  const { page, timeZone, id } = c.visitor;
  const ua = parseUserAgent(c.visitor.userAgent);

  useEffect(() => {
    if (!api) return;
    let live = true;
    setFailed(false);
    api.panel(id).then(
      (p) => {
        if (live) setPanel(p);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, page.url, c.status]);

  const shown = panel?.visitor.id === id ? panel : null;
  // Who the visitor is comes from one source, whole: the conversation's own (kept current by the
  // server), or the visitor's record when the conversation knows nothing. Mixed, a verification
  // from one could lend its mark to a name typed in the other.
  const knows = c.visitor.verified || c.visitor.name !== null || c.visitor.email !== null;
  const { name, email, verified, userId } = knows || !shown ? c.visitor : shown.visitor;

  return (
    <aside class="details" aria-labelledby="details-title" data-testid="visitor-details">
      {onHide && (
        <button type="button" class="btn btn-small pane-back" data-testid="hide-details" onClick={onHide}>
          ← {t('chat.hideDetails')}
        </button>
      )}
      <h2 id="details-title">{t('details.title')}</h2>
      <dl>
        <dt>{t('details.name')}</dt>
        <dd data-testid="visitor-name" data-source={name ? sourceOf(verified) : undefined}>
          {name ? (
            <>
              <bdi>{name}</bdi>
              <Source verified={verified} />
            </>
          ) : (
            t('details.none')
          )}
        </dd>
        <dt>{t('details.email')}</dt>
        <dd class="break" data-testid="visitor-email" data-source={email ? sourceOf(verified) : undefined}>
          {email ? (
            <>
              <a href={`mailto:${email}`}>
                <bdi>{email}</bdi>
              </a>
              <Source verified={verified} />
            </>
          ) : (
            t('details.none')
          )}
        </dd>
        <dt>{t('details.identity')}</dt>
        <dd data-testid="visitor-verified" data-verified={String(verified)}>
          <span class={verified ? 'verified' : 'muted'}>{verified ? `✓ ${t('details.verified')}` : t('details.unverified')}</span>
          {verified && userId && (
            <span class="muted">
              {' '}
              · {t('details.userId')} <span class="mono">{userId}</span>
            </span>
          )}
        </dd>
        <dt>{t('details.language')}</dt>
        <dd lang={c.language}>
          <LanguageFlag lang={c.language} /> {LANGUAGE_NAMES[c.language]}
        </dd>
        <dt>{t('details.localTime')}</dt>
        <dd>
          {formatDateTime(now, lang, timeZone)} <span class="muted">({timeZone})</span>
        </dd>
        <dt>{t('details.presence')}</dt>
        <dd data-testid="visitor-presence-details" data-online={String(c.visitor.online)}>
          {presenceText(c.visitor, now, t, lang)}
        </dd>
        <dt>{t('details.page')}</dt>
        <dd class="break">
          {page.title ? <bdi>{page.title}</bdi> : t('details.none')}
          <br />
          <SafeLink url={page.url} />
        </dd>
        {shown && shown.pages.length > 0 && (
          <>
            <dt>{t('details.pagesVisited')}</dt>
            <dd>
              <ol class="pages" data-testid="visitor-pages">
                {shown.pages.map((p) => (
                  <li key={`${p.at}-${p.url}`} class="break">
                    <time class="muted">{formatTime(p.at, lang)}</time> <SafeLink url={p.url} text={p.title || p.url} />
                  </li>
                ))}
              </ol>
            </dd>
          </>
        )}
        <dt>{t('details.browser')}</dt>
        <dd data-testid="visitor-browser">{ua.browser ?? t('details.unknown')}</dd>
        <dt>{t('details.os')}</dt>
        <dd>{ua.os ?? t('details.unknown')}</dd>
        <dt>{t('details.site')}</dt>
        <dd class="mono">{c.siteId}</dd>
        <dt>{t('details.ip')}</dt>
        <dd class="mono">{c.visitor.ip ?? t('details.unknown')}</dd>
        <dt>{t('details.country')}</dt>
        <dd data-testid="visitor-country">{c.visitor.country ? `${countryName(c.visitor.country, lang)} (${c.visitor.country})` : t('details.unknown')}</dd>
        <dt>{t('details.department')}</dt>
        <dd>{departmentName(c.department, t, lang, departments)}</dd>
        <dt>{t('details.status')}</dt>
        <dd>{t(`status.${c.status}`)}</dd>
        <dt>{t('details.operator')}</dt>
        <dd>{c.operator ? <bdi>{c.operator.name}</bdi> : t('details.none')}</dd>
        <dt>{t('details.started')}</dt>
        <dd>{formatDateTime(c.createdAt, lang)}</dd>
        <dt>{t('details.visitorId')}</dt>
        <dd class="break mono">{id}</dd>
      </dl>
      {failed && <p class="muted">{t('details.loadFailed')}</p>}
      {shown && api && (
        <section class="previous" aria-labelledby="previous-title">
          <h2 id="previous-title">{t('details.previous')}</h2>
          {shown.conversations.length === 0 ? (
            <p class="muted">{t('details.noPrevious')}</p>
          ) : (
            <ul data-testid="visitor-conversations">
              {shown.conversations.map((p) => (
                <PreviousConversation key={p.id} conversation={p} current={p.id === c.id} api={api} departments={departments} onOpen={onOpen} />
              ))}
            </ul>
          )}
        </section>
      )}
    </aside>
  );
}

const sourceOf = (verified: boolean): 'account' | 'visitor' => (verified ? 'account' : 'visitor');

/**
 * Where a name or e-mail comes from: the Client Area account (signed by the host site with the
 * user id, see widget/README.md) or the visitor's own word (the pre-chat form), never checked.
 */
function Source({ verified }: { verified: boolean }) {
  const { t } = useT();
  return verified ? <span class="verified"> · ✓ {t('details.fromAccount')}</span> : <span class="muted"> · {t('details.givenByVisitor')}</span>;
}

/** A link only for a web address: anything else (a stored `javascript:` URL) stays text. */
function SafeLink({ url, text = url }: { url: string; text?: string }) {
  return /^https?:\/\//i.test(url) ? (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow">
      <bdi>{text}</bdi>
    </a>
  ) : (
    <bdi>{text}</bdi>
  );
}

function PreviousConversation({ conversation: p, current, api, departments, onOpen }: { conversation: Conversation; current: boolean; api: VisitorApi; departments: readonly Department[]; onOpen?: (c: Conversation) => void }) {
  const { t, lang } = useT();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [open, setOpen] = useState(false);
  const toggle = (): void => {
    setOpen(!open);
    if (!messages) void api.messages(p.id).then(setMessages, () => setMessages([]));
  };
  return (
    <li class="previous-item" data-testid="visitor-conversation">
      <div>
        <strong>{formatDateTime(p.createdAt, lang)}</strong> · {t(`status.${p.status}`)}
        {current && <span class="muted"> ({t('details.current')})</span>}
      </div>
      {p.lastMessage && (
        <div class="muted previous-preview" dir="auto">
          {p.lastMessage.text}
        </div>
      )}
      <div class="previous-actions">
        {!current && (
          <button type="button" class="link" aria-expanded={open} onClick={toggle}>
            {open ? t('details.hideMessages') : t('details.showMessages')}
          </button>
        )}
        <a href={transcriptUrl(p.id, lang)} target="_blank" rel="noopener noreferrer" data-testid="transcript-link">
          {t('details.transcript')}
        </a>
        {!current && onOpen && (
          <button type="button" class="link" onClick={() => onOpen(p)}>
            {t('details.openChat')}
          </button>
        )}
      </div>
      {open && messages && (
        <ol class="mini-log">
          {messages.map((m) => (
            <li key={m.id} class={`mini-${m.kind}`}>
              <time class="muted">{formatTime(m.createdAt, lang)}</time>{' '}
              {m.kind === 'system' ? <em>{eventText(m.event, t, (d) => departmentName(d, t, lang, departments))}</em> : m.text}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
