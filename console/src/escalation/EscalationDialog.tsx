import { isolate, type Conversation, type Escalation, type EscalationInput, type EscalationProposal, type IncidentTime, type TicketDepartment, type TicketPriority } from '@introserv/shared';
import { CET_ZONE, ErrorCode, cetName, formatInZone, wallClockToInstant } from '@introserv/shared/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, ClientErrorCode, type ConsoleErrorCode } from '../api/errors.js';
import { errorText } from '../i18n/errorText.js';
import { useT } from '../i18n/useT.js';
import type { EscalationDesk } from './escalation-desk.js';
import { escalationStateText } from './escalation-text.js';

export interface EscalationDialogProps {
  desk: EscalationDesk;
  conversation: Conversation;
  onClose: () => void;
  /** A fresh idempotency key; injectable for tests. */
  newKey?: () => string;
}

interface Form {
  department: TicketDepartment;
  priority: TicketPriority;
  subject: string;
  serverOrOrder: string;
  serviceName: string;
  date: string;
  time: string;
  timeZone: string;
  diagnostics: string;
  attachmentIds: string[];
  name: string;
  email: string;
}

const ownZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
};

function formOf(p: EscalationProposal): Form {
  return {
    department: p.department,
    priority: p.priority,
    subject: p.subject,
    serverOrOrder: p.incident.serverOrOrder,
    serviceName: p.incident.serviceName,
    date: p.incident.startedAt?.date ?? '',
    time: p.incident.startedAt?.time ?? '',
    timeZone: p.incident.startedAt?.timeZone ?? p.timeZone,
    diagnostics: p.incident.diagnostics,
    attachmentIds: p.attachments.map((a) => a.id),
    name: p.requester.name ?? '',
    email: p.requester.email ?? '',
  };
}

/** `= 08:15 CET`: the same moment in CET/CEST, or null while the time is incomplete or the zone unknown. */
export function inCet(date: string, time: string, timeZone: string): { date: string; time: string; zone: 'CET' | 'CEST' } | null {
  if (!date || !time) return null;
  const instant = wallClockToInstant(date, time, timeZone);
  const cet = instant === null ? null : formatInZone(instant, CET_ZONE);
  return cet && instant !== null ? { date: cet.date, time: cet.time, zone: cetName(instant) } : null;
}

/**
 * The Escalate to ticket form, pre-filled from the conversation (what the server found in the
 * visitor's messages). One idempotency key per form: a double click or a resubmit after a lost
 * answer files one escalation; another tab's escalation meanwhile is shown, not duplicated.
 */
export function EscalationDialog({ desk, conversation, onClose, newKey = () => crypto.randomUUID() }: EscalationDialogProps) {
  const { t } = useT();
  const [proposal, setProposal] = useState<EscalationProposal | null>(null);
  const [loadError, setLoadError] = useState<ConsoleErrorCode | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [key, setKey] = useState(newKey);
  const [known, setKnown] = useState(0);
  const [busy, setBusy] = useState(false);
  /** Set at once (state lands on the next render): a double click sends once. */
  const sending = useRef(false);
  const [error, setError] = useState<ConsoleErrorCode | null>(null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [existing, setExisting] = useState<Escalation[] | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    let live = true;
    desk.api.proposal(conversation.id).then(
      (p) => {
        if (!live) return;
        setProposal(p);
        setForm(formOf(p));
        setKnown(p.escalations.length);
      },
      (err: unknown) => live && setLoadError(err instanceof ApiError ? err.code : ClientErrorCode.Network),
    );
    return () => {
      live = false;
    };
  }, [desk, conversation.id]);

  useEffect(() => {
    if (form) first.current?.focus();
  }, [form === null]);

  const zones = useMemo(() => [...new Set([proposal?.timeZone, CET_ZONE, ownZone(), 'UTC'].filter((z): z is string => !!z))], [proposal?.timeZone]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));

  if (!proposal || !form) {
    return (
      <DialogFrame title={t('escalation.title')} onClose={onClose}>
        {loadError ? <p class="alert" role="alert">{errorText(t, loadError)}</p> : <p class="muted" role="status">{t('escalation.loading')}</p>}
      </DialogFrame>
    );
  }

  const guest = proposal.requester.kind === 'guest';
  const askContact = guest ? !proposal.requester.name || !proposal.requester.email : !proposal.requester.email;
  const cet = inCet(form.date, form.time, form.timeZone);
  const startedAt: IncidentTime | null = form.date && form.time ? { date: form.date, time: form.time, timeZone: form.timeZone } : null;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending.current) return;
    const local: Record<string, string> = {};
    if ((form.date === '') !== (form.time === '')) local['incident.startedAt'] = t('escalation.bothDateAndTime');
    if (Object.keys(local).length) {
      setIssues(local);
      return;
    }
    const input: EscalationInput = {
      idempotencyKey: key,
      known,
      department: form.department,
      priority: form.priority,
      subject: form.subject,
      incident: { serverOrOrder: form.serverOrOrder, serviceName: form.serviceName, startedAt, diagnostics: form.diagnostics },
      attachmentIds: form.attachmentIds,
      ...(askContact && (form.name || form.email) ? { contact: { name: form.name, email: form.email } } : {}),
    };
    sending.current = true;
    setBusy(true);
    setError(null);
    setIssues({});
    try {
      desk.apply(await desk.api.escalate(conversation.id, input));
      onClose();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : ClientErrorCode.Network;
      if (code === ErrorCode.EscalationExists) {
        const list = await desk.api.list(conversation.id).catch(() => []);
        for (const x of list) desk.apply(x);
        setExisting(list);
      } else if (err instanceof ApiError && err.issues?.length) {
        setIssues(Object.fromEntries(err.issues.map((i) => [i.path.startsWith('contact') ? 'contact' : i.path, i.message])));
      } else {
        setError(code);
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const another = () => {
    // Deliberately a second ticket: the form now knows of the others, under a new key.
    setKnown(existing?.length ?? known + 1);
    setKey(newKey());
    setExisting(null);
  };

  const issue = (path: string) => (issues[path] ? <span class="field-error" role="alert">{issues[path]}</span> : null);
  const chips = (values: readonly string[], field: 'serverOrOrder' | 'serviceName') =>
    values.length > 1 ? (
      <span class="chips">
        <span class="muted">{t('escalation.found')}</span>
        {values.map((v) => (
          <button key={v} type="button" class="chip" onClick={() => set(field, v)}>
            {v}
          </button>
        ))}
      </span>
    ) : null;

  return (
    <DialogFrame title={t('escalation.title')} onClose={onClose}>
      <form class="escalation-form" onSubmit={(e) => void submit(e)} data-testid="escalation-form" noValidate>
        <p class="muted">{t('escalation.provider', { provider: isolate(proposal.provider) })}</p>

        <fieldset>
          <legend>{t('escalation.requester')}</legend>
          <p data-testid="escalation-requester" data-kind={proposal.requester.kind}>
            {guest
              ? t('escalation.guest')
              : proposal.requester.name
                ? t('escalation.client', { name: isolate(proposal.requester.name) })
                : t('escalation.clientNoName', { userId: isolate(proposal.requester.userId ?? '') })}
          </p>
          {askContact && (
            <div class="row">
              <label class="esc-field">
                {t('escalation.name')}
                <input value={form.name} required maxLength={100} onInput={(e) => set('name', e.currentTarget.value)} data-testid="escalation-name" />
              </label>
              <label class="esc-field">
                {t('escalation.email')}
                <input type="email" value={form.email} required maxLength={254} onInput={(e) => set('email', e.currentTarget.value)} data-testid="escalation-email" />
              </label>
            </div>
          )}
          {issue('contact')}
        </fieldset>

        <div class="row">
          <label class="esc-field">
            {t('escalation.department')}
            <select ref={first} value={form.department} onChange={(e) => set('department', e.currentTarget.value as TicketDepartment)} data-testid="escalation-department">
              <option value="technical">{t('departments.technical')}</option>
              <option value="financial">{t('departments.financial')}</option>
            </select>
          </label>
          <fieldset class="esc-field">
            <legend>{t('escalation.priority')}</legend>
            {(['regular', 'high'] as const).map((p) => (
              <label key={p} class="choice">
                <input type="radio" name="priority" value={p} checked={form.priority === p} onChange={() => set('priority', p)} data-testid={`escalation-priority-${p}`} />
                <span>
                  {t(`escalation.${p}`)} <span class="muted">— {t(`escalation.${p}Hint`)}</span>
                </span>
              </label>
            ))}
            {proposal.highBecause.length > 0 && (
              <span class="hint" data-testid="escalation-high-because">
                {t('escalation.highSuggested', { words: isolate(proposal.highBecause.map((w) => `“${isolate(w)}”`).join(', ')) })}
              </span>
            )}
          </fieldset>
        </div>

        <label class="esc-field">
          {t('escalation.subject')}
          <input value={form.subject} required maxLength={200} onInput={(e) => set('subject', e.currentTarget.value)} data-testid="escalation-subject" />
          {issue('subject')}
        </label>

        <div class="row">
          <label class="esc-field">
            {t('escalation.serverOrOrder')}
            <input value={form.serverOrOrder} maxLength={200} placeholder={t('escalation.serverOrOrderExample')} onInput={(e) => set('serverOrOrder', e.currentTarget.value)} data-testid="escalation-server" />
            {chips([...proposal.found.addresses, ...proposal.found.orders], 'serverOrOrder')}
          </label>
          <label class="esc-field">
            {t('escalation.serviceName')}
            <input value={form.serviceName} maxLength={200} onInput={(e) => set('serviceName', e.currentTarget.value)} data-testid="escalation-service" />
            {chips(proposal.found.services, 'serviceName')}
          </label>
        </div>

        <fieldset>
          <legend>{t('escalation.startedAt')}</legend>
          <div class="row row-3">
            <label class="esc-field">
              {t('escalation.date')}
              <input type="date" value={form.date} onInput={(e) => set('date', e.currentTarget.value)} data-testid="escalation-date" />
            </label>
            <label class="esc-field">
              {t('escalation.time')}
              <input type="time" value={form.time} onInput={(e) => set('time', e.currentTarget.value)} data-testid="escalation-time" />
            </label>
            <label class="esc-field">
              {t('escalation.timeZone')}
              <input list="escalation-zones" value={form.timeZone} maxLength={64} onInput={(e) => set('timeZone', e.currentTarget.value)} data-testid="escalation-zone" />
              <datalist id="escalation-zones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </label>
          </div>
          <span class="hint" data-testid="escalation-cet">
            {cet ? t('escalation.inCet', { when: isolate(cet.date === form.date ? cet.time : `${cet.date} ${cet.time}`), zone: isolate(t(cet.zone === 'CEST' ? 'escalation.cest' : 'escalation.cet')) }) : t('escalation.visitorZone', { zone: isolate(proposal.timeZone) })}
          </span>
          {issue('incident.startedAt')}
        </fieldset>

        <label class="esc-field">
          {t('escalation.diagnostics')}
          <textarea rows={3} value={form.diagnostics} maxLength={10_000} placeholder={t('escalation.diagnosticsHint')} onInput={(e) => set('diagnostics', e.currentTarget.value)} data-testid="escalation-diagnostics" />
        </label>

        {proposal.attachments.length > 0 && (
          <fieldset>
            <legend>{t('escalation.attachments')}</legend>
            {proposal.attachments.map((a) => (
              <label key={a.id} class="choice">
                <input
                  type="checkbox"
                  checked={form.attachmentIds.includes(a.id)}
                  onChange={(e) => set('attachmentIds', e.currentTarget.checked ? [...form.attachmentIds, a.id] : form.attachmentIds.filter((x) => x !== a.id))}
                />
                <bdi>{a.name}</bdi>
              </label>
            ))}
          </fieldset>
        )}

        {existing && (
          <div class="notice" role="alert" data-testid="escalation-exists">
            <p>{t('escalation.exists')}</p>
            <ul>
              {existing.map((x) => (
                <li key={x.id}>{escalationStateText(x, t)}</li>
              ))}
            </ul>
            <button type="button" class="btn btn-small" onClick={another} data-testid="escalation-another">
              {t('escalation.createAnother')}
            </button>
          </div>
        )}
        {error && (
          <p class="alert" role="alert" data-testid="escalation-error" data-code={error}>
            {errorText(t, error)}
          </p>
        )}

        <div class="dialog-actions">
          <button type="button" class="btn" onClick={onClose}>
            {t('escalation.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy || existing !== null} aria-busy={busy} data-testid="escalation-submit">
            {busy ? t('escalation.submitting') : t('escalation.submit')}
          </button>
        </div>
      </form>
    </DialogFrame>
  );
}

/** A modal dialog: Escape and the backdrop close it. */
function DialogFrame({ title, onClose, children }: { title: string; onClose: () => void; children: ComponentChildren }) {
  const { t } = useT();
  return (
    <div
      class="dialog-backdrop"
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <section
        class="dialog dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="escalation-title"
        data-testid="escalation-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <header class="dialog-header">
          <h2 id="escalation-title">{title}</h2>
          <button type="button" class="icon-close" onClick={onClose} aria-label={t('escalation.close')} title={t('escalation.close')}>
            ×
          </button>
        </header>
        {children}
      </section>
    </div>
  );
}
