import type { Colleague, Conversation, ConversationTransfer, Department } from '@introserv/shared';
import { isolate, LIMITS } from '@introserv/shared/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { departmentName } from '../i18n/department-name.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';

export interface TransferDialogProps {
  conversation: Conversation;
  /** The signed-in operator: not a transfer target. */
  operatorId: string;
  departments: readonly Department[];
  loadColleagues: () => Promise<Colleague[]>;
  busy: boolean;
  onTransfer: (to: ConversationTransfer['to'], note: string | undefined) => void;
  onCancel: () => void;
}

/**
 * Where the chat goes: a colleague who is online (those who serve its department and speak
 * its language first), or a department's queue; with a note only operators will read.
 */
export function TransferDialog({ conversation: c, operatorId, departments, loadColleagues, busy, onTransfer, onCancel }: TransferDialogProps) {
  const { t, lang } = useT();
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);
  const [kind, setKind] = useState<'operator' | 'department'>('operator');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    loadColleagues().then(
      (list) => {
        if (live) setColleagues(list);
      },
      () => {
        if (live) setColleagues([]);
      },
    );
    first.current?.focus();
    return () => {
      live = false;
    };
  }, [c.id]);

  const fits = (o: Colleague) => (o.departments.length === 0 || o.departments.includes(c.department)) && (o.languages.length === 0 || o.languages.includes(c.language));
  const others = (colleagues ?? [])
    .filter((o) => o.id !== operatorId)
    .sort((a, b) => Number(b.available) - Number(a.available) || Number(fits(b)) - Number(fits(a)) || a.load - b.load || a.name.localeCompare(b.name));
  const choices = departments.filter((d) => c.status !== 'queued' || d.id !== c.department);
  const ready = target !== '' && !busy && note.trim().length <= LIMITS.messageTextMax;

  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onCancel()}>
      <form
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="transfer-title"
        data-testid="transfer-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          const trimmed = note.trim();
          onTransfer(kind === 'operator' ? { type: 'operator', operatorId: target } : { type: 'department', department: target }, trimmed || undefined);
        }}
      >
        <h2 id="transfer-title">{t('transfer.title')}</h2>
        <fieldset class="segmented">
          <label>
            <input
              ref={first}
              type="radio"
              name="transfer-kind"
              checked={kind === 'operator'}
              data-testid="transfer-to-operator"
              onChange={() => {
                setKind('operator');
                setTarget('');
              }}
            />{' '}
            {t('transfer.toOperator')}
          </label>
          <label>
            <input
              type="radio"
              name="transfer-kind"
              checked={kind === 'department'}
              data-testid="transfer-to-department"
              onChange={() => {
                setKind('department');
                setTarget('');
              }}
            />{' '}
            {t('transfer.toDepartment')}
          </label>
        </fieldset>
        {kind === 'operator' ? (
          colleagues !== null && others.length === 0 ? (
            <p class="muted">{t('transfer.noColleague')}</p>
          ) : (
            <ul class="choice-list" aria-label={t('transfer.operator')}>
              {others.map((o) => (
                <li key={o.id}>
                  <label class={`choice${o.available ? '' : ' unavailable'}`}>
                    <input type="radio" name="transfer-target" value={o.id} disabled={!o.available} checked={target === o.id} data-testid="transfer-colleague" onChange={() => setTarget(o.id)} />
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
            <select data-testid="transfer-department" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
              <option value="" disabled>
                —
              </option>
              {choices.map((d) => (
                <option key={d.id} value={d.id}>
                  {departmentName(d.id, t, lang, departments)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="field">
          {t('transfer.note')}
          <textarea rows={3} data-testid="transfer-note" value={note} maxLength={LIMITS.messageTextMax} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={onCancel}>
            {t('transfer.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" data-testid="transfer-submit" disabled={!ready} aria-busy={busy}>
            {busy ? t('transfer.submitting') : t('transfer.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
