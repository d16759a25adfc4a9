import { unisolate } from '@introserv/shared/client';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTranslate, type Translate } from '../i18n/i18n.js';
import { EndOfChat } from './EndOfChat.js';

let t: Translate;
beforeAll(async () => {
  t = await createTranslate('en');
  URL.createObjectURL = vi.fn(() => 'blob:transcript');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const access = { server: 'https://chat.example.com', token: async () => 'T'.repeat(43) };

function setup(transcriptEmail = true) {
  const rate = vi.fn(async () => true);
  render(<EndOfChat chat={{ rate }} conversationId="c_1" rated={null} access={access} language="de" transcriptEmail={transcriptEmail} email="ana@example.com" t={t} />);
  return { rate };
}

describe('EndOfChat', () => {
  it('sends the rating on the first click, then a comment with it, and thanks the visitor', async () => {
    const { rate } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Bad' }));
    expect(rate).toHaveBeenLastCalledWith('c_1', 'bad', undefined);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bad' }).getAttribute('aria-pressed')).toBe('true'));
    const comment = screen.getByLabelText('Anything to add? (optional)');
    fireEvent.input(comment, { target: { value: 'The wait was long' } });
    fireEvent.submit(comment.closest('form')!);
    await waitFor(() => expect(screen.getByText('Thank you for your feedback!')).toBeTruthy());
    expect(rate).toHaveBeenLastCalledWith('c_1', 'bad', 'The wait was long');
  });

  it('downloads the transcript with the visitor token, in the visitor’s language', async () => {
    const fetch = vi.fn(async () => new Response('transcript', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Download the transcript' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledWith('https://chat.example.com/widget/conversations/c_1/transcript?format=text&lang=de', { headers: { Authorization: `Bearer ${'T'.repeat(43)}` } });
    click.mockRestore();
  });

  it('e-mails the transcript to the address given, and says where it went or that it failed', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 202 }));
    vi.stubGlobal('fetch', fetch);
    setup();
    const field = screen.getByLabelText<HTMLInputElement>('E-mail me the transcript');
    expect(field.value).toBe('ana@example.com');
    fireEvent.input(field, { target: { value: 'ivo@example.com' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(unisolate(screen.getByRole('status').textContent)).toBe('The transcript is on its way to ivo@example.com.'));
    expect(fetch).toHaveBeenCalledWith('https://chat.example.com/widget/conversations/c_1/transcript/email', expect.objectContaining({ method: 'POST', body: JSON.stringify({ email: 'ivo@example.com', language: 'de' }) }));
    fetch.mockResolvedValueOnce(new Response('{}', { status: 502 }));
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('That did not work. Please try again in a moment.'));
  });

  it('says why the server refused: an address not given in this chat, or too many e-mails', async () => {
    const refusal = (status: number, code: string) => new Response(JSON.stringify({ error: { code, message: code } }), { status, headers: { 'content-type': 'application/json' } });
    const fetch = vi.fn(async () => refusal(403, 'RECIPIENT_NOT_GIVEN'));
    vi.stubGlobal('fetch', fetch);
    setup();
    const field = screen.getByLabelText<HTMLInputElement>('E-mail me the transcript');
    fireEvent.input(field, { target: { value: 'someone.else@example.com' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('We can only send the transcript to an e-mail address you gave in this chat.'));
    fetch.mockResolvedValueOnce(refusal(429, 'RATE_LIMITED'));
    fireEvent.submit(field.closest('form')!);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Too many e-mails for now. Please try again later.'));
  });

  it('has no e-mail form when the server cannot send mail', () => {
    setup(false);
    expect(screen.queryByLabelText('E-mail me the transcript')).toBeNull();
  });
});
