import { isolate, type LeaveMessageStatus, type TicketDepartment } from '@introserv/shared/client';
import { ClientErrorCode } from '@introserv/shared/client/errors';
import { useEffect, useRef, useState } from 'preact/hooks';
import { adoptCss } from '../../adopt-css.js';
import type { ChatState } from '../connection/chat-state.js';
import type { MessageKey, Translate } from '../i18n/i18n.js';
import type { OfflineContext } from './leave-message-api.js';
import { LeaveMessageError, leaveMessageStatus, sendLeaveMessage } from './leave-message-send.js';
import { visitorWords } from './offline-gate.js';
import css from './leave-form.css?inline';

export interface LeaveMessageFormProps {
  context: OfflineContext;
  state: ChatState;
  t: Translate;
  onBack: () => void;
}

/** The channels the seeds name besides the chat. */
export const SUPPORT_EMAIL = 'support@introserv.com';

const styled = new WeakSet<ShadowRoot>();

/** After this, a message still on its way is "saved": the outbox sends it when it can. */
const FOLLOW_MS = 15_000;

const ERRORS: Record<string, MessageKey> = {
  RATE_LIMITED: 'offline.errorRate',
  INVALID_PAYLOAD: 'offline.errorInvalid',
  NETWORK: 'offline.errorNetwork',
};

/**
 * Name, e-mail, department and message, in the visitor's language, with the other ways to
 * reach support. Sent once per form (one key for every resend); then followed until the
 * ticket has its number.
 */
export function LeaveMessageForm({ context, state, t, onBack }: LeaveMessageFormProps) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [department, setDepartment] = useState<TicketDepartment>('technical');
  const [message, setMessage] = useState(() => visitorWords(state));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<LeaveMessageStatus | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const key = useRef(crypto.randomUUID());
  /** Set at once (state lands on the next render): a double click sends once. */
  const sending = useRef(false);
  /** The address the message went out with, for the confirmation. */
  const emailRef = useRef('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const root = first.current?.getRootNode();
    if (root instanceof ShadowRoot && !styled.has(root)) {
      styled.add(root);
      adoptCss(root, css);
    }
    first.current?.focus();
  }, []);

  // Follow the ticket until it has a number (the outbox files it, maybe after retries).
  useEffect(() => {
    if (sent?.state !== 'pending') return;
    const started = Date.now();
    let delay = 500;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      timer = setTimeout(() => {
        leaveMessageStatus(context, sent.id).then(
          (s) => (s.state === 'pending' ? (Date.now() - started > FOLLOW_MS ? setGaveUp(true) : poll()) : setSent(s)),
          () => setGaveUp(true),
        );
        delay = Math.min(delay * 2, 4_000);
      }, delay);
    };
    poll();
    return () => clearTimeout(timer);
  }, [sent?.id, sent?.state]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending.current) return;
    // Read the fields themselves: a submit can arrive before the re-render of the last input.
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const field = (k: string): string => {
      const v = data.get(k);
      return typeof v === 'string' ? v : '';
    };
    const form = { name: field('name'), email: field('email'), department: field('department') === 'financial' ? 'financial' : 'technical', message: field('message') } as const;
    sending.current = true;
    emailRef.current = form.email;
    setBusy(true);
    setError(null);
    try {
      setSent(await sendLeaveMessage(context, form, key.current));
    } catch (err) {
      setError(err instanceof LeaveMessageError ? err.code : ClientErrorCode.Network);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const channels = (
    <div class="leave-channels">
      <p>{t('offline.channels')}</p>
      <ul>
        <li>
          <a href={`mailto:${SUPPORT_EMAIL}`} rel="noopener noreferrer">
            {SUPPORT_EMAIL}
          </a>{' '}
          — {t('offline.emailAnswer')}
        </li>
        <li>{t('offline.ticketChannel')}</li>
      </ul>
    </div>
  );

  if (sent) {
    const number = sent.ticket?.number;
    const text = number
      ? t(sent.requester === 'client' ? 'offline.createdClient' : 'offline.created', { number: isolate(number), email: isolate(emailRef.current) })
      : sent.state === 'pending' && !gaveUp
        ? t('offline.sending')
        : t('offline.saved', { email: isolate(emailRef.current) });
    return (
      <section class="leave-body" aria-labelledby="leave-title">
        <h3 id="leave-title">{t('offline.title')}</h3>
        <p class="leave-result" role="status" data-testid="leave-result" data-state={sent.state} data-number={number ?? ''}>
          {text}
        </p>
        {channels}
        <button type="button" class="leave-link" onClick={onBack}>
          {t('offline.back')}
        </button>
      </section>
    );
  }

  return (
    <form class="leave-body" aria-labelledby="leave-title" onSubmit={(e) => void submit(e)} data-testid="leave-form">
      <h3 id="leave-title">{t('offline.title')}</h3>
      <p class="leave-intro">{t('offline.intro')}</p>
      <label>
        {t('offline.name')}
        <input ref={first} name="name" value={name} required maxLength={100} autocomplete="name" onInput={(e) => setName(e.currentTarget.value)} data-testid="leave-name" />
      </label>
      <label>
        {t('offline.email')}
        <input type="email" name="email" value={email} required maxLength={254} autocomplete="email" onInput={(e) => setEmail(e.currentTarget.value)} data-testid="leave-email" />
      </label>
      <label>
        {t('offline.department')}
        <select name="department" value={department} onChange={(e) => setDepartment(e.currentTarget.value as TicketDepartment)} data-testid="leave-department">
          <option value="technical">{t('departments.technical')}</option>
          <option value="financial">{t('departments.financial')}</option>
        </select>
      </label>
      <label>
        {t('offline.message')}
        <textarea rows={4} name="message" value={message} required maxLength={5000} onInput={(e) => setMessage(e.currentTarget.value)} data-testid="leave-text" />
      </label>
      {error && (
        <p class="leave-error" role="alert" data-testid="leave-error" data-code={error}>
          {t(ERRORS[error] ?? 'offline.errorOther', { email: isolate(SUPPORT_EMAIL) })}
        </p>
      )}
      <div class="leave-actions">
        <button type="button" class="leave-link" onClick={onBack}>
          {t('offline.back')}
        </button>
        <button type="submit" class="leave-button" disabled={busy} aria-busy={busy} data-testid="leave-send">
          {busy ? t('offline.sendingForm') : t('offline.send')}
        </button>
      </div>
      {channels}
    </form>
  );
}
