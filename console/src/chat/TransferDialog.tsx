import { isolate, LIMITS } from '@introserv/shared/client';
import { useEffect, useRef } from 'preact/hooks';
import { Dialog } from '../dialog/Dialog.js';
import { departmentName } from '../i18n/department-name.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { useTransfer, type TransferOptions } from './use-transfer.js';

export interface TransferDialogProps extends TransferOptions {
  onCancel: () => void;
}

/**
 * Where the chat goes: a colleague who is online (those who serve its department and speak
 * its language first), or a department's queue; with a note only operators will read.
 */
export function TransferDialog(props: TransferDialogProps) {
  const { departments, busy, onCancel } = props;
  const { t, lang } = useT();
  const form = useTransfer(props);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), [props.conversation.id]);

  return (
    <Dialog
      as="form"
      labelledBy="transfer-title"
      testId="transfer-dialog"
      onClose={onCancel}
      onSubmit={(e) => {
        e.preventDefault();
        form.submit();
      }}
    >
      <h2 id="transfer-title">{t('transfer.title')}</h2>
      <fieldset class="segmented">
        <label>
          <input ref={first} type="radio" name="transfer-kind" checked={form.kind === 'operator'} data-testid="transfer-to-operator" onChange={() => form.setKind('operator')} />{' '}
          {t('transfer.toOperator')}
        </label>
        <label>
          <input type="radio" name="transfer-kind" checked={form.kind === 'department'} data-testid="transfer-to-department" onChange={() => form.setKind('department')} />{' '}
          {t('transfer.toDepartment')}
        </label>
      </fieldset>
      {form.kind === 'operator' ? (
        form.colleagues !== null && form.colleagues.length === 0 ? (
          <p class="muted">{t('transfer.noColleague')}</p>
        ) : (
          <ul class="choice-list" aria-label={t('transfer.operator')}>
            {(form.colleagues ?? []).map((o) => (
              <li key={o.id}>
                <label class={`choice${o.available ? '' : ' unavailable'}`}>
                  <input type="radio" name="transfer-target" value={o.id} disabled={!o.available} checked={form.target === o.id} data-testid="transfer-colleague" onChange={() => form.setTarget(o.id)} />
                  <span class="choice-name">
                    <bdi>{o.name}</bdi>
                  </span>
                  <span class="muted choice-info">
                    {o.available ? t('transfer.load', { load: o.load, capacity: o.capacity }) : t('transfer.notOnline')}
                    {o.languages.length > 0 && ` · ${o.languages.map((l) => LANGUAGE_NAMES[l]).join(', ')}`}
                    {o.departments.length > 0 && ` · ${o.departments.map((d) => isolate(departmentName(d, t, lang, departments))).join(', ')}`}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )
      ) : (
        <label class="field">
          {t('transfer.department')}
          <select data-testid="transfer-department" value={form.target} onChange={(e) => form.setTarget(e.currentTarget.value)}>
            <option value="" disabled>
              —
            </option>
            {form.choices.map((d) => (
              <option key={d.id} value={d.id}>
                {departmentName(d.id, t, lang, departments)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        {t('transfer.note')}
        <textarea rows={3} data-testid="transfer-note" value={form.note} maxLength={LIMITS.messageTextMax} onInput={(e) => form.setNote(e.currentTarget.value)} />
      </label>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onCancel}>
          {t('transfer.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" data-testid="transfer-submit" disabled={!form.ready} aria-busy={busy}>
          {busy ? t('transfer.submitting') : t('transfer.submit')}
        </button>
      </div>
    </Dialog>
  );
}
