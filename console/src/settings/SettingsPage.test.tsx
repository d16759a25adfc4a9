import { unisolate } from '@introserv/shared/client';
import type { AdminSettings } from '@introserv/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client.js';
import type { PageProps } from '../workspace/page-props.js';
import { initI18n } from '../i18n/i18n.js';
import { SettingsPage } from './SettingsPage.js';

const ANSWER: AdminSettings = {
  settings: { color: '#0b57d0', position: 'right', greeting: { en: 'Hi!' }, preChat: { name: 'off', email: 'off', department: false }, leaveMessageAfterSeconds: 120, allowedOrigins: [] },
  notice: null,
  environmentOrigins: ['https://introserv.com'],
  transcriptEmail: true,
  publicUrl: 'https://chat.introserv.com',
};

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

/** The page over a fake server: every request is recorded and answered with `answer(request)`. */
function setup(answer: (method: string, body: unknown) => Response = () => Response.json(ANSWER)) {
  const requests: { method: string; path: string; body: unknown; csrf: string | null }[] = [];
  const client = new ApiClient({
    fetch: async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      const headers = (init?.headers ?? {}) as Record<string, string>;
      requests.push({ method: init?.method ?? 'GET', path: typeof input === 'string' ? input : '', body, csrf: headers['x-csrf-token'] ?? null });
      return answer(init?.method ?? 'GET', body);
    },
  });
  client.csrfToken = 'csrf-1';
  render(<SettingsPage {...({ api: { client } } as unknown as PageProps)} />);
  return { requests };
}

describe('SettingsPage', () => {
  it('shows the settings, the embed code, and warns live about a colour white text cannot be read on', async () => {
    setup();
    await waitFor(() => expect(screen.getByTestId('settings-color')).toBeTruthy());
    expect(screen.getByTestId<HTMLTextAreaElement>('settings-embed').value).toBe('<script async src="https://chat.introserv.com/widget/loader.js" data-site="introserv"></script>');
    expect(screen.getByText('Allowed by the server configuration (ALLOWED_ORIGINS): https://introserv.com', { normalizer: unisolate })).toBeTruthy();
    expect(unisolate(screen.getByTestId('settings-contrast').textContent)).toContain('Contrast with white: 6.4:1.');
    fireEvent.input(screen.getByTestId('settings-color'), { target: { value: '#ffd54f' } });
    expect(screen.getByTestId('settings-contrast').textContent).toContain('WCAG AA asks for at least 4.5:1');
    expect(screen.getByTestId('settings-contrast').className).toBe('field-error');
  });

  it('saves what the admin chose, with the CSRF token, and shows the server’s reasons next to the fields', async () => {
    const { requests } = setup((method) =>
      method === 'PUT' && requests.length === 2
        ? Response.json({ error: { code: 'INVALID_PAYLOAD', message: 'invalid request', issues: [{ path: 'allowedOrigins.0', message: 'expected an origin like https://example.com' }] } }, { status: 400 })
        : Response.json(ANSWER),
    );
    await waitFor(() => expect(screen.getByTestId('settings-origins')).toBeTruthy());
    fireEvent.input(screen.getByTestId('settings-origins'), { target: { value: 'partner.example' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByText('expected an origin like https://example.com')).toBeTruthy());
    expect(screen.getByTestId('settings-error').textContent).toBe('The server rejected the request as invalid.');

    fireEvent.input(screen.getByTestId('settings-origins'), { target: { value: 'https://partner.example\nhttps://www.partner.example' } });
    fireEvent.change(screen.getByTestId('settings-prechat-name'), { target: { value: 'required' } });
    fireEvent.click(screen.getByTestId('settings-prechat-department'));
    fireEvent.input(screen.getByLabelText('Deutsch'), { target: { value: 'Hallo!' } });
    fireEvent.click(screen.getByLabelText('Bottom left'));
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-saved')).toBeTruthy());
    expect(requests.at(-1)).toEqual({
      method: 'PUT',
      path: '/api/settings',
      csrf: 'csrf-1',
      body: {
        color: '#0b57d0',
        position: 'left',
        greeting: { en: 'Hi!', de: 'Hallo!' },
        preChat: { name: 'required', email: 'off', department: true },
        leaveMessageAfterSeconds: 120,
        allowedOrigins: ['https://partner.example', 'https://www.partner.example'],
      },
    });
  });

  it('posts a status notice in the languages filled in, and ends it', async () => {
    const posted = { ...ANSWER, notice: { kind: 'outage' as const, text: { en: 'Network outage', ru: 'Сбой сети' }, postedAt: 1_700_000_000_000 } };
    const { requests } = setup((method) => Response.json(method === 'PUT' ? posted : ANSWER));
    await waitFor(() => expect(screen.getByTestId('notice-kind')).toBeTruthy());
    expect(screen.getByTestId('notice-current').textContent).toBe('No notice is posted.');
    fireEvent.change(screen.getByTestId('notice-kind'), { target: { value: 'outage' } });
    fireEvent.input(screen.getByTestId('notice-en'), { target: { value: 'Network outage' } });
    fireEvent.input(screen.getByTestId('notice-ru'), { target: { value: 'Сбой сети' } });
    fireEvent.click(screen.getByTestId('notice-post'));
    await waitFor(() => expect(screen.getByTestId('notice-end')).toBeTruthy());
    expect(requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/settings/notice', body: { kind: 'outage', text: { en: 'Network outage', ru: 'Сбой сети' } } });
    expect(screen.getByTestId('notice-current').textContent).toContain('Service disruption');
    fireEvent.click(screen.getByTestId('notice-end'));
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/settings/notice' }));
  });
});
