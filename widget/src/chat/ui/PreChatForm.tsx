import { BUILT_IN_DEPARTMENTS, type Department, type Language, type PreChatSettings } from '@introserv/shared/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Profile } from '../connection/chat-state.js';
import { EMAIL } from '../connection/visitor-identity.js';
import type { MessageKey, Translate } from '../i18n/i18n.js';

/** A department as the visitor reads it: the admin's name in their language, else the built-in one, else English, else the id. */
export function departmentName(d: Department, language: Language, t: Translate): string {
  const builtIn = (BUILT_IN_DEPARTMENTS as readonly string[]).includes(d.id);
  return d.names[language] ?? (builtIn ? t(`departments.${d.id}` as MessageKey) : (d.names.en ?? d.id));
}

interface Props {
  t: Translate;
  language: Language;
  preChat: PreChatSettings;
  departments: readonly Department[];
  /** The tag names the department (`data-department`): the form does not ask. */
  departmentFixed: boolean;
  initial: Profile | null;
  onSubmit: (profile: Profile) => void;
}

type Field = 'name' | 'email';

/**
 * The questions an admin chose to ask before the first message (name, e-mail, department).
 * Checked here, with the reason next to the field; the answers go in the next hello.
 */
export function PreChatForm({ t, language, preChat, departments, departmentFixed, initial, onSubmit }: Props) {
  const [values, setValues] = useState({ name: initial?.name ?? '', email: initial?.email ?? '', department: initial?.department ?? departments[0]?.id ?? '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input, select')?.focus(), []);
  const askDepartment = preChat.department && !departmentFixed && departments.length > 1;

  /** Reads the fields themselves: an input can arrive just before its re-render. */
  const current = (field: Field): string => (form.current?.querySelector<HTMLInputElement>(`#prechat-${field}`)?.value ?? values[field]).trim();

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    for (const field of ['name', 'email'] as const) {
      const value = current(field);
      if (preChat[field] === 'required' && !value) found[field] = t('prechat.required');
      else if (field === 'email' && value && !EMAIL.test(value)) found[field] = t('prechat.emailInvalid');
    }
    return found;
  };

  const field = (name: Field, type: string, autocomplete: string) =>
    preChat[name] !== 'off' && (
      <div class="field">
        <label for={`prechat-${name}`}>
          {t(`prechat.${name}`)}
          {preChat[name] === 'optional' && <span class="optional"> ({t('prechat.optional')})</span>}
        </label>
        <input
          id={`prechat-${name}`}
          data-testid={`prechat-${name}`}
          type={type}
          autocomplete={autocomplete}
          maxLength={name === 'email' ? 254 : 100}
          required={preChat[name] === 'required'}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? `prechat-${name}-error` : undefined}
          value={values[name]}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setValues((v) => ({ ...v, [name]: value }));
          }}
        />
        {errors[name] && (
          <p id={`prechat-${name}-error`} class="field-error">
            {errors[name]}
          </p>
        )}
      </div>
    );

  return (
    <form
      ref={form}
      class="prechat"
      data-testid="prechat"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found = check();
        setErrors(found);
        const first = (['name', 'email'] as const).find((f) => found[f]);
        if (first) {
          form.current?.querySelector<HTMLElement>(`#prechat-${first}`)?.focus();
          return;
        }
        const name = current('name');
        const email = current('email');
        const department = form.current?.querySelector<HTMLSelectElement>('#prechat-department')?.value ?? values.department;
        onSubmit({ ...(name ? { name } : {}), ...(email ? { email } : {}), ...(askDepartment && department ? { department } : {}) });
      }}
    >
      <p class="prechat-intro">{t('prechat.intro')}</p>
      {field('name', 'text', 'name')}
      {field('email', 'email', 'email')}
      {askDepartment && (
        <div class="field">
          <label for="prechat-department">{t('prechat.department')}</label>
          <select
            id="prechat-department"
            data-testid="prechat-department"
            value={values.department}
            onChange={(e) => {
              const department = e.currentTarget.value;
              setValues((v) => ({ ...v, department }));
            }}
          >
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {departmentName(d, language, t)}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" class="primary" data-testid="prechat-submit">
        {t('prechat.start')}
      </button>
    </form>
  );
}
