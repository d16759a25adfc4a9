import { isolate, type Conversation, type TicketDepartment } from '@introserv/shared';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Dialog } from '../dialog/Dialog.js';
import { errorText } from '../i18n/errorText.js';
import { useT } from '../i18n/useT.js';
import type { EscalationDesk } from './escalation-desk.js';
import { escalationStateText } from './escalation-text.js';
import { useEscalationForm } from './use-escalation-form.js';

export interface EscalationDialogProps {
  desk: EscalationDesk;
  conversation: Conversation;
  onClose: () => void;
  /** A fresh idempotency key; injectable for tests. */
  newKey?: () => string;
}

/** The Escalate to ticket form (its state in `useEscalationForm`): department, priority, subject, the incident's fields, files. */
export function EscalationDialog(props: EscalationDialogProps) {
  const { onClose } = props;
  const { t } = useT();
  const { proposal, loadError, form, set, zones, cet, guest, askContact, busy, error, issues, existing, submit, another } = useEscalationForm(props);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (form) first.current?.focus();
  }, [form === null]);

  if (!proposal || !form) {
    return (
      <DialogFrame title={t('escalation.title')} onClose={onClose}>
        {loadError ? <p class="alert" role="alert">{errorText(t, loadError)}</p> : <p class="muted" role="status">{t('escalation.loading')}</p>}
      </DialogFrame>
    );
  }

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
      <form
        class="escalation-form"
        data-testid="escalation-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
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

/** The escalation's dialog: wide, with its title and a close button in a header. */
function DialogFrame({ title, onClose, children }: { title: string; onClose: () => void; children: ComponentChildren }) {
  const { t } = useT();
  return (
    <Dialog as="section" wide labelledBy="escalation-title" testId="escalation-dialog" onClose={onClose}>
      <header class="dialog-header">
        <h2 id="escalation-title">{title}</h2>
        <button type="button" class="icon-close" onClick={onClose} aria-label={t('escalation.close')} title={t('escalation.close')}>
          ×
        </button>
      </header>
      {children}
    </Dialog>
  );
}
