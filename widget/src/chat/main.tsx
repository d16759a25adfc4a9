/**
 * Entry of chat.js, imported by the loader on the first click (or at idle for a
 * returning visitor). Exports `mount` only; see MountFn in ../embed.ts. Everything but
 * drawing the launcher is here: the panel, the public API's methods (the loader only
 * queues them by name), events, sounds and the title.
 */
import type { Language } from '@introserv/shared/client';
import { render } from 'preact';
import { adoptCss } from '../adopt-css.js';
import type { ChatApi, Identity, MountFn } from '../embed.js';
import { Emitter } from './api/emitter.js';
import { TabLeader } from '@introserv/shared/client/tab-leader';
import { safeStorage } from '@introserv/shared/client/storage';
import { chime, TitleFlash } from './attention/attention.js';
import { isLanguage, VisitorChat } from './connection/visitor-chat.js';
import { connectVisitor } from './connection/socket.js';
import { createTranslate, type Translate } from './i18n/i18n.js';
import { CHAT_ICON, MINIMIZE_ICON } from './ui/icons.js';
import { Panel } from './ui/Panel.js';
import { tokenKey } from '../embed.js';
import type { OfflineContext } from './offline/leave-message-api.js';
import { holdPhoneView } from './ui/phone.js';
import css from './ui/panel.css?inline';

/** The id the launcher's aria-controls names: the panel's container, present from mount on. */
export const PANEL_ID = 'introserv-chat-panel';

export const mount: MountFn = (root, options) => {
  adoptCss(root, css);
  const { launcher, siteId, settings } = options;
  // The panel's side; the loader placed the launcher itself.
  root.host.setAttribute('data-position', options.position);
  const container = document.createElement('div');
  container.id = PANEL_ID;
  // The site's colour, through the CSSOM (allowed by a strict CSP); white text on it is AA (checked when saved).
  container.style.setProperty('--accent', options.color);
  root.append(container);
  launcher.setAttribute('aria-controls', PANEL_ID);

  const storage = safeStorage(() => localStorage);
  const events = new Emitter();
  const leader = new TabLeader(`introserv-chat:${siteId}:sound`, { storage });
  const title = new TitleFlash(document);
  const soundKey = `introserv-chat:${siteId}:sound-off`;
  let sound = storage.getItem(soundKey) !== '1';
  let language: Language = isLanguage(options.language) ? options.language : 'en';
  let open = false;
  let t: Translate | undefined;
  let releasePhone = (): void => {};
  let lastUnread = options.unread;

  const chat = new VisitorChat(connectVisitor(options.server), {
    siteId,
    language,
    storage,
    unread: options.unread,
    department: options.department,
    onIncoming: (message, news) => {
      events.emit('message', { id: message.id, author: message.author.kind === 'operator' ? 'operator' : 'system', text: message.text });
      const unseen = !open || document.hidden;
      if (!news || !unseen) return;
      if (sound && leader.claim(message.id)) chime();
    },
    onIdentityRefused: ({ userId }: Identity) => {
      console.error(
        `IntroservChat.identify(): the server refused the hash for user "${userId}"; the visitor goes on unverified. ` +
          'The hash must be HMAC-SHA256 of userId, name and email joined by NUL (absent ones empty) in hex, made on your server with the secret configured as IDENTITY_SECRET.',
      );
    },
  });

  const label = (): string => (t ? t('launcher.label') : settings.label);
  const report = (): void => {
    const { unread } = chat.state.value;
    options.onState({ open, unread, label: label() });
    if (unread !== lastUnread) {
      lastUnread = unread;
      events.emit('unread', { count: unread });
    }
    // The title blinks while something is unread and the visitor is not looking at the panel.
    if (unread > 0 && (!open || document.hidden) && t) title.start(`(${unread}) ${t('message.newMessage')}`);
    else title.stop();
  };
  chat.state.subscribe(report);
  document.addEventListener('visibilitychange', () => {
    chat.setVisible(open && !document.hidden);
    report();
  });

  const close = (): void => {
    if (!open) return;
    const hadFocus = container.contains(root.activeElement);
    setOpen(false);
    // Give focus back to the launcher only when it was in the panel, not on an API call
    // while the visitor is elsewhere on the page.
    if (hadFocus) launcher.focus();
  };
  /** What the leave-a-message form needs of the embedding: read at each draw, as the language may change. */
  const offline = (): OfflineContext => ({ server: options.server, siteId, language, token: () => storage.getItem(tokenKey(siteId)) });
  const draw = (): void => {
    render(
      open && t ? (
        <Panel
          chat={chat}
          t={t}
          language={language}
          settings={settings}
          access={{ server: options.server, token: () => chat.whenToken() }}
          departmentFixed={!!options.department}
          sound={sound}
          onSound={(on) => {
            sound = on;
            storage.setItem(soundKey, on ? '0' : '1');
            draw();
          }}
          onClose={close}
          offline={offline()}
        />
      ) : null,
      container,
    );
  };
  function setOpen(next: boolean): void {
    if (next === open) return;
    open = next;
    chat.setVisible(open && !document.hidden);
    launcher.querySelector('path')?.setAttribute('d', open ? MINIMIZE_ICON : CHAT_ICON);
    if (open) releasePhone = holdPhoneView(container);
    else releasePhone();
    draw();
    report();
    events.emit(open ? 'open' : 'close');
  }

  const loadLanguage = (next: Language): void => {
    createTranslate(next).then(
      (translate) => {
        language = next;
        t = translate;
        draw();
        report();
      },
      () => {
        // The locale chunk did not load (network): keep what is shown.
      },
    );
  };
  loadLanguage(language);
  // After the loader has replayed the calls queued before the chunk arrived (their `on('ready')` too).
  setTimeout(() => events.emit('ready'), 0);

  const api: ChatApi = {
    open: () => setOpen(true),
    close,
    toggle: () => (open ? close() : setOpen(true)),
    setLanguage: (next) => {
      if (!isLanguage(next) || next === language) return;
      chat.setLanguage(next);
      loadLanguage(next);
    },
    identify: (identity) => {
      if (typeof identity !== 'object' || !chat.identify(identity)) {
        console.error('IntroservChat.identify(): expected { userId, hash: 64 hex characters, name?, email? }; ignored.');
      }
    },
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
  };
  return api;
};
