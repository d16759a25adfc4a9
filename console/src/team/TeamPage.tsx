import { isolate, LANGUAGES, type Department, type Language, type OperatorRole, type TeamMember } from '@introserv/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, type ConsoleError } from '../api/errors.js';
import type { PageProps } from '../app/pages.js';
import { departmentName } from '../i18n/department-name.js';
import { errorText } from '../i18n/errorText.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { teamApi } from './team-api.js';

const asError = (err: unknown): ConsoleError => (err instanceof ApiError ? err : { code: 'NETWORK', message: String(err) });

interface Draft {
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

/** The team (admins): operators with their departments, languages and capacity; disable; the departments and their names. */
export function TeamPage({ api, session, workspace }: PageProps) {
  const { t, lang } = useT();
  const team = useMemo(() => teamApi(api.client), [api]);
  const [members, setMembers] = useState<TeamMember[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [editing, setEditing] = useState<TeamMember | 'new' | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const defaultCapacity = workspace.config.value.defaultCapacity;

  const reload = async (): Promise<void> => {
    try {
      const [m, d] = await Promise.all([team.operators(), team.departments()]);
      setMembers(m);
      setDepartments(d);
    } catch (err) {
      setError(asError(err));
    }
  };
  useEffect(() => {
    void reload();
  }, []);

  const setDisabled = async (m: TeamMember, disabled: boolean): Promise<void> => {
    if (disabled && !confirm(t('team.confirmDisable', { name: isolate(m.name) }))) return;
    setError(null);
    try {
      await team.updateOperator(m.id, { disabled });
      await reload();
    } catch (err) {
      setError(asError(err));
    }
  };

  return (
    <main class="page team-page" data-testid="team-page">
      <h1>{t('team.title')}</h1>
      <p class="muted page-intro">{t('team.intro')}</p>
      {error && (
        <p class="alert" role="alert" data-testid="team-error" data-code={error.code}>
          {errorText(t, error.code)}
        </p>
      )}
      <div class="page-actions">
        <button type="button" class="btn btn-primary" data-testid="add-operator" onClick={() => setEditing('new')}>
          {t('team.add')}
        </button>
      </div>
      {editing && (
        <OperatorForm
          member={editing === 'new' ? null : editing}
          departments={departments}
          defaultCapacity={defaultCapacity}
          onCancel={() => setEditing(null)}
          onSave={async (draft) => {
            const capacity = draft.capacity === '' ? null : Number(draft.capacity);
            const common = { name: draft.name, email: draft.email, role: draft.role, departments: draft.departments, languages: draft.languages, capacity, autoAssign: draft.autoAssign };
            if (editing === 'new') await team.createOperator({ ...common, password: draft.password });
            else await team.updateOperator(editing.id, { ...common, ...(draft.password ? { password: draft.password } : {}) });
            setEditing(null);
            await reload();
          }}
        />
      )}
      <div class="table-wrap">
        <table class="data-table" data-testid="team-table">
          <thead>
            <tr>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('team.role')}</th>
              <th scope="col">{t('team.departments')}</th>
              <th scope="col">{t('team.languages')}</th>
              <th scope="col">{t('team.capacity')}</th>
              <th scope="col">{t('team.status')}</th>
              <th scope="col">{t('team.load')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('team.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(members ?? []).map((m) => (
              <tr key={m.id} data-testid="team-row" data-operator-id={m.id} class={m.disabled ? 'is-disabled' : undefined}>
                <td>
                  <strong>
                    <bdi>{m.name}</bdi>
                  </strong>
                  {m.id === session.operator.id && <span class="muted"> ({t('team.you')})</span>}
                  <br />
                  <span class="muted break">
                    <bdi>{m.email}</bdi>
                  </span>
                </td>
                <td>{t(m.role === 'admin' ? 'team.roleAdmin' : 'team.roleOperator')}</td>
                <td>{m.departments.length ? m.departments.map((d) => departmentName(d, t, lang, departments)).join(', ') : t('team.allDepartments')}</td>
                <td>{m.languages.length ? m.languages.map((l) => LANGUAGE_NAMES[l]).join(', ') : t('team.allLanguages')}</td>
                <td>
                  {m.capacity ?? t('team.capacityDefault', { count: defaultCapacity })}
                  {!m.autoAssign && (
                    <>
                      <br />
                      <span class="muted">{t('team.autoAssignOff')}</span>
                    </>
                  )}
                </td>
                <td>
                  {m.disabled ? (
                    <span class="badge badge-closed">{t('team.disabled')}</span>
                  ) : (
                    <>
                      {t(`operatorStatus.${m.status}`)}
                      <br />
                      <span class="muted">{m.online ? t('team.connected') : t('team.notConnected')}</span>
                    </>
                  )}
                </td>
                <td>{m.load}</td>
                <td>
                  <div class="row-actions">
                    <button type="button" class="btn btn-small" data-testid="edit-operator" onClick={() => setEditing(m)}>
                      {t('team.edit')}
                    </button>
                    <button type="button" class={`btn btn-small${m.disabled ? '' : ' btn-danger'}`} data-testid="toggle-operator" onClick={() => void setDisabled(m, !m.disabled)}>
                      {m.disabled ? t('team.enable') : t('team.disable')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Departments departments={departments} onChange={reload} api={team} />
    </main>
  );
}

function OperatorForm({
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
  const [error, setError] = useState<ConsoleError | null>(null);
  const [saving, setSaving] = useState(false);
  const toggle = <T,>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const issue = (path: string) => error?.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`));
  return (
    <form
      class="card form-grid"
      data-testid="operator-form"
      aria-labelledby="operator-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        setSaving(true);
        setError(null);
        onSave(draft).then(
          () => setSaving(false),
          (err: unknown) => {
            setSaving(false);
            setError(asError(err));
          },
        );
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
        <button type="submit" class="btn btn-primary" data-testid="operator-save" disabled={saving} aria-busy={saving}>
          {saving ? t('team.saving') : t('team.save')}
        </button>
      </div>
    </form>
  );
}

function Departments({ departments, onChange, api }: { departments: readonly Department[]; onChange: () => Promise<void>; api: ReturnType<typeof teamApi> }) {
  const { t, lang } = useT();
  const [adding, setAdding] = useState<{ id: string; names: Partial<Record<Language, string>> } | null>(null);
  const [renaming, setRenaming] = useState<Department | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const builtIn = ['general', 'technical', 'financial'];
  const clean = (names: Partial<Record<Language, string>>) => Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim() !== '')) as Department['names'];
  const save = async (): Promise<void> => {
    setError(null);
    try {
      if (adding) await api.addDepartment({ id: adding.id.trim(), names: clean(adding.names) });
      if (renaming) await api.renameDepartment(renaming.id, { names: clean(renaming.names) });
      setAdding(null);
      setRenaming(null);
      await onChange();
    } catch (err) {
      setError(asError(err));
    }
  };
  const editing = adding ?? renaming;
  const setNames = (names: Partial<Record<Language, string>>) => (adding ? setAdding({ ...adding, names }) : renaming && setRenaming({ ...renaming, names }));
  return (
    <section class="departments" aria-labelledby="departments-title">
      <h2 id="departments-title">{t('team.departmentsTitle')}</h2>
      <p class="muted">{t('team.departmentsIntro')}</p>
      {error && (
        <p class="alert" role="alert">
          {errorText(t, error.code)}
        </p>
      )}
      <ul class="department-list">
        {departments.map((d) => (
          <li key={d.id} data-testid="department-row">
            <strong>{departmentName(d.id, t, lang, departments)}</strong> <span class="muted mono">{d.id}</span>
            {builtIn.includes(d.id) && <span class="muted"> · {t('team.builtIn')}</span>}{' '}
            <button type="button" class="link" onClick={() => setRenaming({ ...d, names: { ...d.names } })}>
              {t('team.rename')}
            </button>
          </li>
        ))}
      </ul>
      {!editing && (
        <button type="button" class="btn" data-testid="add-department" onClick={() => setAdding({ id: '', names: {} })}>
          {t('team.addDepartment')}
        </button>
      )}
      {editing && (
        <form
          class="card form-grid"
          data-testid="department-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {adding && (
            <label class="field">
              {t('team.departmentId')}
              <input required pattern="[a-z0-9][a-z0-9\-]{0,31}" data-testid="department-id" value={adding.id} onInput={(e) => setAdding({ ...adding, id: e.currentTarget.value })} />
              <span class="muted small">{t('team.departmentIdHint')}</span>
            </label>
          )}
          {LANGUAGES.map((l) => (
            <label key={l} class="field" lang={l}>
              {t('team.nameIn', { language: isolate(LANGUAGE_NAMES[l]) })}
              <input maxLength={60} data-testid={`department-name-${l}`} value={editing.names[l] ?? ''} onInput={(e) => setNames({ ...editing.names, [l]: e.currentTarget.value })} />
            </label>
          ))}
          <div class="form-actions wide">
            <button
              type="button"
              class="btn"
              onClick={() => {
                setAdding(null);
                setRenaming(null);
              }}
            >
              {t('team.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" data-testid="department-save">
              {t('team.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
