import { isolate, type Department, type TeamMember } from '@introserv/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRequest } from '../hooks/use-request.js';
import { departmentName } from '../i18n/department-name.js';
import { errorText } from '../i18n/errorText.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import type { PageProps } from '../workspace/page-props.js';
import { Departments } from './Departments.js';
import { OperatorForm } from './OperatorForm.js';
import { teamApi } from './team-api.js';

/** The team (admins): operators with their departments, languages and capacity; disable; the departments and their names. */
export function TeamPage({ api, session, workspace }: PageProps) {
  const { t, lang } = useT();
  const team = useMemo(() => teamApi(api.client), [api]);
  const [members, setMembers] = useState<TeamMember[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [editing, setEditing] = useState<TeamMember | 'new' | null>(null);
  const request = useRequest();
  const error = request.error;
  const defaultCapacity = workspace.config.value.defaultCapacity;

  const reload = async (): Promise<void> => {
    const res = await request.run(() => Promise.all([team.operators(), team.departments()]));
    if (!res.ok) return;
    const [m, d] = res.value;
    setMembers(m);
    setDepartments(d);
  };
  useEffect(() => {
    void reload();
  }, []);

  const setDisabled = async (m: TeamMember, disabled: boolean): Promise<void> => {
    if (disabled && !confirm(t('team.confirmDisable', { name: isolate(m.name) }))) return;
    const res = await request.run(() => team.updateOperator(m.id, { disabled }));
    if (res.ok) await reload();
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
