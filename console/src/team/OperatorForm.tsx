import { isolate, LANGUAGES, type Department, type Language, type OperatorRole, type TeamMember } from '@introserv/shared';
import { useState } from 'preact/hooks';
import { useRequest } from '../hooks/use-request.js';
import { departmentName } from '../i18n/department-name.js';
import { errorText } from '../i18n/errorText.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';

/** What the operator form edits; the capacity as typed ('' = the default). */
export interface Draft {
  name: string;
  email: string;
  password: string;
  role: OperatorRole;
  departments: string[];
  languages: Language[];
  capacity: string;
  autoAssign: boolean;
}

const emptyDraft: Draft = { name: '', email: '', password: '', role: 'operator', departments: [], languages: [], capacity: '', autoAssign: true };

/** Adds an operator or changes one: name, e-mail, password, role, departments, languages, capacity, auto-assignment. */
export function OperatorForm({
  member,
  departments,
  defaultCapacity,
  onSave,
  onCancel,
}: {
  member: TeamMember | null;
  departments: readonly Department[];
  defaultCapacity: number;
  onSave: (draft: Draft) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, lang } = useT();
  const [draft, setDraft] = useState<Draft>(
    member
      ? { name: member.name, email: member.email, password: '', role: member.role, departments: member.departments, languages: member.languages, capacity: member.capacity === null ? '' : String(member.capacity), autoAssign: member.autoAssign }
      : emptyDraft,
  );
  const save = useRequest();
  const error = save.error;
  const toggle = <T,>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const issue = (path: string) => error?.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`));
  return (
    <form
      class="card form-grid"
      data-testid="operator-form"
      aria-labelledby="operator-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => onSave(draft));
      }}
    >
      <h2 id="operator-form-title">{member ? t('team.editTitle', { name: isolate(member.name) }) : t('team.addTitle')}</h2>
      {error && (
        <p class="alert wide" role="alert" data-testid="operator-form-error" data-code={error.code}>
          {errorText(t, error.code)}
          {error.issues?.length ? ` (${error.issues.map((i) => i.path).join(', ')})` : ''}
        </p>
      )}
      <label class="field">
        {t('team.name')}
        <input required maxLength={100} data-testid="operator-name" value={draft.name} aria-invalid={Boolean(issue('name'))} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
      </label>
      <label class="field">
        {t('team.email')}
        <input required type="email" data-testid="operator-email" value={draft.email} aria-invalid={Boolean(issue('email'))} onInput={(e) => setDraft({ ...draft, email: e.currentTarget.value })} />
      </label>
      <label class="field">
        {t('team.password')}
        <input
          type="password"
          autocomplete="new-password"
          minLength={8}
          required={!member}
          data-testid="operator-password"
          value={draft.password}
          aria-invalid={Boolean(issue('password'))}
          aria-describedby="operator-password-hint"
          onInput={(e) => setDraft({ ...draft, password: e.currentTarget.value })}
        />
        <span id="operator-password-hint" class="muted small">
          {member ? t('team.passwordKeep') : t('team.passwordNew')}
        </span>
      </label>
      <label class="field">
        {t('team.role')}
        <select data-testid="operator-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value as OperatorRole })}>
          <option value="operator">{t('team.roleOperator')}</option>
          <option value="admin">{t('team.roleAdmin')}</option>
        </select>
      </label>
      <fieldset class="field checks">
        <legend>{t('team.departments')}</legend>
        <span class="muted small">{draft.departments.length === 0 ? t('team.allDepartments') : ''}</span>
        {departments.map((d) => (
          <label key={d.id} class="check">
            <input type="checkbox" data-testid={`operator-department-${d.id}`} checked={draft.departments.includes(d.id)} onChange={() => setDraft({ ...draft, departments: toggle(draft.departments, d.id) })} />{' '}
            {departmentName(d.id, t, lang, departments)}
          </label>
        ))}
      </fieldset>
      <fieldset class="field checks">
        <legend>{t('team.languages')}</legend>
        <span class="muted small">{draft.languages.length === 0 ? t('team.allLanguages') : ''}</span>
        {LANGUAGES.map((l) => (
          <label key={l} class="check" lang={l}>
            <input type="checkbox" data-testid={`operator-language-${l}`} checked={draft.languages.includes(l)} onChange={() => setDraft({ ...draft, languages: toggle(draft.languages, l) })} /> {LANGUAGE_NAMES[l]}
          </label>
        ))}
      </fieldset>
      <label class="field">
        {t('team.capacity')}
        <input
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          data-testid="operator-capacity"
          placeholder={t('team.capacityDefault', { count: defaultCapacity })}
          value={draft.capacity}
          onInput={(e) => setDraft({ ...draft, capacity: e.currentTarget.value })}
        />
      </label>
      <label class="check">
        <input type="checkbox" data-testid="operator-auto-assign" checked={draft.autoAssign} onChange={(e) => setDraft({ ...draft, autoAssign: e.currentTarget.checked })} /> {t('team.autoAssign')}
      </label>
      <div class="form-actions wide">
        <button type="button" class="btn" onClick={onCancel}>
          {t('team.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" data-testid="operator-save" disabled={save.busy} aria-busy={save.busy}>
          {save.busy ? t('team.saving') : t('team.save')}
        </button>
      </div>
    </form>
  );
}
