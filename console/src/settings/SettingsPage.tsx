import { contrastRatio, isolate, LANGUAGES, MIN_CONTRAST_ON_WHITE } from '@introserv/shared/client';
import type { AdminSettings, Language, NoticeKind, PreChatField, SiteSettings, WidgetPosition } from '@introserv/shared';
import { useEffect, useState } from 'preact/hooks';
import { useRequest } from '../hooks/use-request.js';
import type { PageProps } from '../workspace/page-props.js';
import { errorText } from '../i18n/errorText.js';
import { formatDateTime } from '../i18n/format.js';
import { LANGUAGE_NAMES } from '../i18n/i18n.js';
import { useT } from '../i18n/useT.js';
import { embedSnippet, settingsApi } from './settings-api.js';

type Texts = Record<Language, string>;
const emptyTexts = (from: Partial<Record<Language, string>> = {}): Texts => Object.fromEntries(LANGUAGES.map((l) => [l, from[l] ?? ''])) as Texts;
const filled = (texts: Texts): Partial<Record<Language, string>> => Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim()));

interface Form {
  color: string;
  position: WidgetPosition;
  greeting: Texts;
  name: PreChatField;
  email: PreChatField;
  department: boolean;
  leave: string;
  origins: string;
}

function toForm(s: SiteSettings): Form {
  return {
    color: s.color,
    position: s.position,
    greeting: emptyTexts(s.greeting),
    name: s.preChat.name,
    email: s.preChat.email,
    department: s.preChat.department,
    leave: String(s.leaveMessageAfterSeconds),
    origins: s.allowedOrigins.join('\n'),
  };
}

function fromForm(f: Form): SiteSettings {
  return {
    color: f.color,
    position: f.position,
    greeting: filled(f.greeting),
    preChat: { name: f.name, email: f.email, department: f.department },
    leaveMessageAfterSeconds: Number(f.leave),
    allowedOrigins: f.origins.split(/\s+/).filter(Boolean),
  };
}

const PRECHAT: readonly PreChatField[] = ['off', 'optional', 'required'];

/**
 * The admin's page for the widget: colour (held to WCAG AA against white text), position,
 * greeting per language, the pre-chat questions, the wait before "leave a message", the
 * sites allowed to show the chat, the embed code, and the service-status notice.
 */
export function SettingsPage({ api }: PageProps) {
  const { t, lang } = useT();
  const calls = settingsApi(api.client);
  const [loaded, setLoaded] = useState<AdminSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [notice, setNotice] = useState<{ kind: NoticeKind; text: Texts }>({ kind: 'maintenance', text: emptyTexts() });
  const request = useRequest();
  const { error, busy } = request;
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [said, setSaid] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const take = (answer: AdminSettings): void => {
    setLoaded(answer);
    setForm(toForm(answer.settings));
    if (answer.notice) setNotice({ kind: answer.notice.kind, text: emptyTexts(answer.notice.text) });
  };
  useEffect(() => {
    void request.run(() => calls.get()).then((res) => {
      if (res.ok) take(res.value);
    });
  }, []);

  const run = async (action: () => Promise<AdminSettings>, done: string): Promise<void> => {
    setIssues({});
    setSaid(null);
    const res = await request.run(action);
    if (res.ok) {
      take(res.value);
      setSaid(done);
    } else {
      setIssues(Object.fromEntries((res.error.issues ?? []).map((i) => [i.path.split('.')[0] ?? i.path, i.message])));
    }
  };

  if (!loaded || !form) {
    return (
      <main class="page settings" data-testid="settings-page">
        {error ? (
          <p class="alert" role="alert">
            {errorText(t, error.code)}
          </p>
        ) : (
          <p class="muted" role="status">
            {t('app.loading')}
          </p>
        )}
      </main>
    );
  }

  const set = <K extends keyof Form>(key: K, value: Form[K]): void => setForm({ ...form, [key]: value });
  const hex = /^#[0-9a-f]{6}$/i.test(form.color);
  const ratio = hex ? contrastRatio(form.color, '#ffffff') : null;
  const env = loaded.environmentOrigins === '*' ? t('settings.anyOrigin') : loaded.environmentOrigins.join(', ');
  const snippet = embedSnippet(loaded.publicUrl);

  return (
    <main class="page settings" data-testid="settings-page" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <p class="muted">{t('settings.intro')}</p>
      {error && (
        <p class="alert" role="alert" data-testid="settings-error">
          {errorText(t, error.code)}
        </p>
      )}
      {said && (
        <p class="ok" role="status" data-testid="settings-saved">
          {said}
        </p>
      )}

      <form
        class="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => calls.save(fromForm(form)), t('settings.saved'));
        }}
      >
        <fieldset>
          <legend>{t('settings.appearance')}</legend>
          <label for="settings-color">{t('settings.color')}</label>
          <div class="row">
            <input type="color" aria-label={t('settings.color')} value={hex ? form.color : '#0b57d0'} onInput={(e) => set('color', e.currentTarget.value)} />
            <input id="settings-color" data-testid="settings-color" value={form.color} maxLength={7} aria-describedby="settings-color-hint" aria-invalid={issues.color ? true : undefined} onInput={(e) => set('color', e.currentTarget.value.trim())} />
            <span class="swatch" style={{ background: hex ? form.color : 'transparent' }} aria-hidden="true">
              Aa
            </span>
          </div>
          <p id="settings-color-hint" class={ratio !== null && ratio < MIN_CONTRAST_ON_WHITE ? 'field-error' : 'muted'} data-testid="settings-contrast">
            {t('settings.colorHint')} {ratio !== null && t('settings.contrast', { ratio: isolate(ratio.toFixed(1)) })} {ratio !== null && ratio < MIN_CONTRAST_ON_WHITE && t('settings.contrastLow')}
          </p>
          {issues.color && <p class="field-error">{issues.color}</p>}
          <p id="settings-position-label">{t('settings.position')}</p>
          <div class="row" role="radiogroup" aria-labelledby="settings-position-label">
            {(['right', 'left'] as const).map((p) => (
              <label key={p} class="inline">
                <input type="radio" name="position" value={p} checked={form.position === p} onChange={() => set('position', p)} /> {t(`settings.${p}`)}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('settings.greeting')}</legend>
          <p class="muted">{t('settings.greetingHint')}</p>
          {LANGUAGES.map((l) => (
            <div key={l} class="field">
              <label for={`settings-greeting-${l}`}>{LANGUAGE_NAMES[l]}</label>
              <input id={`settings-greeting-${l}`} lang={l} maxLength={300} value={form.greeting[l]} onInput={(e) => set('greeting', { ...form.greeting, [l]: e.currentTarget.value })} />
            </div>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('settings.preChat')}</legend>
          <p class="muted">{t('settings.preChatHint')}</p>
          {(['name', 'email'] as const).map((field) => (
            <div key={field} class="field">
              <label for={`settings-prechat-${field}`}>{t(`settings.${field}`)}</label>
              <select id={`settings-prechat-${field}`} data-testid={`settings-prechat-${field}`} value={form[field]} onChange={(e) => set(field, e.currentTarget.value as PreChatField)}>
                {PRECHAT.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(`settings.${mode}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <label class="inline">
            <input type="checkbox" data-testid="settings-prechat-department" checked={form.department} onChange={(e) => set('department', e.currentTarget.checked)} /> {t('settings.department')}
          </label>
          <div class="field">
            <label for="settings-leave">{t('settings.leaveMessage')}</label>
            <input id="settings-leave" type="number" min={0} max={3600} value={form.leave} aria-describedby="settings-leave-hint" onInput={(e) => set('leave', e.currentTarget.value)} />
            <p id="settings-leave-hint" class="muted">
              {t('settings.leaveMessageHint')}
            </p>
            {issues.leaveMessageAfterSeconds && <p class="field-error">{issues.leaveMessageAfterSeconds}</p>}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('settings.origins')}</legend>
          <label for="settings-origins" class="muted">
            {t('settings.originsHint')}
          </label>
          <textarea id="settings-origins" data-testid="settings-origins" rows={4} spellcheck={false} aria-invalid={issues.allowedOrigins ? true : undefined} value={form.origins} onInput={(e) => set('origins', e.currentTarget.value)} />
          {issues.allowedOrigins && <p class="field-error">{issues.allowedOrigins}</p>}
          <p class="muted">{t('settings.environmentOrigins', { origins: isolate(env) })}</p>
        </fieldset>

        <button type="submit" class="btn btn-primary" data-testid="settings-save" disabled={busy}>
          {busy ? t('settings.saving') : t('settings.save')}
        </button>
      </form>

      <section class="settings-section" aria-labelledby="embed-title">
        <h2 id="embed-title">{t('settings.embed')}</h2>
        <label for="settings-embed" class="muted">
          {t('settings.embedHint')}
        </label>
        <textarea id="settings-embed" data-testid="settings-embed" class="mono" rows={2} readOnly value={snippet} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          class="btn"
          onClick={() => {
            void navigator.clipboard.writeText(snippet).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? t('settings.copied') : t('settings.copy')}
        </button>
      </section>

      <section class="settings-section" aria-labelledby="notice-title">
        <h2 id="notice-title">{t('settings.notice')}</h2>
        <p class="muted">{t('settings.noticeHint')}</p>
        <p data-testid="notice-current">
          {loaded.notice ? `${t('settings.noticeCurrent', { when: isolate(formatDateTime(loaded.notice.postedAt, lang)) })} ${t(`settings.${loaded.notice.kind}`)}` : t('settings.noticeNone')}
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => calls.postNotice({ kind: notice.kind, text: filled(notice.text) }), t('settings.posted'));
          }}
        >
          <div class="field">
            <label for="notice-kind">{t('settings.noticeKind')}</label>
            <select id="notice-kind" data-testid="notice-kind" value={notice.kind} onChange={(e) => setNotice({ ...notice, kind: e.currentTarget.value as NoticeKind })}>
              <option value="maintenance">{t('settings.maintenance')}</option>
              <option value="outage">{t('settings.outage')}</option>
            </select>
          </div>
          {LANGUAGES.map((l) => (
            <div key={l} class="field">
              <label for={`notice-${l}`}>{t('settings.noticeText', { language: isolate(LANGUAGE_NAMES[l]) })}</label>
              <textarea id={`notice-${l}`} data-testid={`notice-${l}`} lang={l} rows={2} maxLength={500} value={notice.text[l]} onInput={(e) => setNotice({ ...notice, text: { ...notice.text, [l]: e.currentTarget.value } })} />
            </div>
          ))}
          {issues.text && <p class="field-error">{issues.text}</p>}
          <div class="row">
            <button type="submit" class="btn btn-primary" data-testid="notice-post" disabled={busy}>
              {loaded.notice ? t('settings.update') : t('settings.post')}
            </button>
            {loaded.notice && (
              <button type="button" class="btn btn-danger" data-testid="notice-end" disabled={busy} onClick={() => void run(() => calls.endNotice(), t('settings.ended'))}>
                {t('settings.end')}
              </button>
            )}
          </div>
        </form>
      </section>
    </main>
  );
}
