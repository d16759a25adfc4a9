/**
 * The end of a chat, loaded when a conversation closes: rate it (good / bad, and a comment
 * if the visitor wants), download the transcript, or have it e-mailed (only when the server
 * has SMTP). Every request carries the visitor token.
 */
import { isolate, pathTo, WIDGET_ENDPOINTS, withQuery, type Language } from '@introserv/shared/client';
import { useState } from 'preact/hooks';
import type { VisitorChat } from '../connection/visitor-chat.js';
import type { FileAccess } from '../files/files.js';
import type { MessageKey, Translate } from '../i18n/i18n.js';
import { ThumbIcon } from './ThumbIcon.js';

export interface EndOfChatProps {
  chat: Pick<VisitorChat, 'rate'>;
  conversationId: string;
  /** The rating already given, if any. */
  rated: 'good' | 'bad' | null;
  access: FileAccess;
  language: Language;
  transcriptEmail: boolean;
  /** Filled in for the e-mail form: what the visitor told us before. */
  email: string;
  t: Translate;
}

/**
 * Why the server would not mail the transcript, in the visitor's words: it goes only to an
 * address given in this chat (the pre-chat form, the site's sign-in, or one written in a
 * message), and only so many per hour.
 */
const MAIL_REFUSALS: Partial<Record<string, MessageKey>> = {
  RECIPIENT_NOT_GIVEN: 'end.emailNotGiven',
  RATE_LIMITED: 'end.emailLimited',
};

export function EndOfChat({ chat, conversationId, rated, access, language, transcriptEmail, email, t }: EndOfChatProps) {
  const [value, setValue] = useState(rated);
  const [comment, setComment] = useState('');
  const [thanked, setThanked] = useState(false);
  const [address, setAddress] = useState(email);
  const [note, setNote] = useState<string | null>(null);
  const auth = async () => ({ Authorization: `Bearer ${await access.token()}` });

  const rate = async (next: 'good' | 'bad', withComment?: string): Promise<void> => {
    setValue(next);
    const ok = await chat.rate(conversationId, next, withComment);
    setNote(ok ? null : t('end.failed'));
    if (ok && withComment !== undefined) setThanked(true);
  };

  const download = async (): Promise<void> => {
    const path = withQuery(pathTo(WIDGET_ENDPOINTS.transcript.path, { id: conversationId }), { format: 'text', lang: language });
    const res = await fetch(`${access.server}${path}`, { headers: await auth() });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `transcript-${conversationId}.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  const mail = async (): Promise<void> => {
    const { method, path } = WIDGET_ENDPOINTS.transcriptEmail;
    const res = await fetch(`${access.server}${pathTo(path, { id: conversationId })}`, {
      method,
      headers: { ...(await auth()), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: address.trim(), language }),
    });
    if (res.ok) {
      setNote(t('end.emailSent', { email: isolate(address.trim()) }));
      return;
    }
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    setNote(t(MAIL_REFUSALS[body?.error?.code ?? ''] ?? 'end.failed'));
  };

  return (
    <section class="end" data-testid="end-of-chat" aria-labelledby="end-title">
      <h3 id="end-title" class="end-title">
        {t('end.rate')}
      </h3>
      {thanked ? (
        <p class="end-note">{t('end.thanks')}</p>
      ) : (
        <>
          <div class="rating" role="group" aria-labelledby="end-title">
            {(['good', 'bad'] as const).map((v) => (
              <button key={v} type="button" class={`rate rate-${v}`} data-testid={`rate-${v}`} aria-pressed={value === v} onClick={() => void rate(v)}>
                <ThumbIcon down={v === 'bad'} /> {t(`end.${v}`)}
              </button>
            ))}
          </div>
          {value && (
            <form
              class="end-form"
              onSubmit={(e) => {
                e.preventDefault();
                void rate(value, comment);
              }}
            >
              <label for="end-comment">{t('end.comment')}</label>
              <textarea id="end-comment" data-testid="rate-comment" rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
              <button type="submit" class="end-button">
                {t('end.send')}
              </button>
            </form>
          )}
        </>
      )}
      <button type="button" class="end-link" data-testid="transcript-download" onClick={() => void download().catch(() => setNote(t('end.failed')))}>
        {t('end.transcript')}
      </button>
      {transcriptEmail && (
        <form
          class="end-form"
          data-testid="transcript-email"
          onSubmit={(e) => {
            e.preventDefault();
            void mail().catch(() => setNote(t('end.failed')));
          }}
        >
          <label for="end-email">{t('end.email')}</label>
          <div class="end-row">
            <input id="end-email" type="email" required autocomplete="email" placeholder={t('end.emailLabel')} value={address} onInput={(e) => setAddress(e.currentTarget.value)} />
            <button type="submit" class="end-button">
              {t('end.emailSend')}
            </button>
          </div>
        </form>
      )}
      <p class="end-note" role="status">
        {note}
      </p>
    </section>
  );
}
