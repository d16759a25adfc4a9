/**
 * Entry of chat.js, imported by the loader on the first click (or at idle for a
 * returning visitor). Exports `mount` only; see MountFn in ../embed.ts.
 */
import { render } from 'preact';
import { adoptCss } from '../adopt-css.js';
import type { ChatApi, MountFn } from '../embed.js';
import { VisitorChat } from './connection/visitor-chat.js';
import { connectVisitor } from './connection/socket.js';
import { safeStorage } from './connection/storage.js';
import { createTranslate, type Translate } from './i18n/i18n.js';
import { Panel } from './ui/Panel.js';
import { tokenKey } from '../embed.js';
import type { OfflineContext } from './offline/leave-message-api.js';
import css from './ui/panel.css?inline';

export const mount: MountFn = (root, options) => {
  adoptCss(root, css);
  const container = document.createElement('div');
  root.append(container);

  const chat = new VisitorChat(connectVisitor(options.server), {
    siteId: options.siteId,
    language: options.language,
    storage: safeStorage(() => localStorage),
    unread: options.unread,
  });
  let open = false;
  let t: Translate | undefined;
  const tokens = safeStorage(() => localStorage);
  const offline: OfflineContext = { server: options.server, siteId: options.siteId, language: options.language, token: () => tokens.getItem(tokenKey(options.siteId)) };

  const report = (): void => options.onState({ open, unread: chat.state.value.unread });
  chat.state.subscribe(report);

  const close = (): void => {
    const hadFocus = container.contains(root.activeElement);
    setOpen(false);
    // Give focus back to the launcher only when it was in the panel, not on an API call
    // while the visitor is elsewhere on the page.
    if (hadFocus) options.launcher.focus();
  };
  const draw = (): void => {
    render(open && t ? <Panel chat={chat} t={t} onClose={close} offline={offline} /> : null, container);
  };
  function setOpen(next: boolean): void {
    open = next;
    chat.setVisible(next);
    draw();
    report();
  }

  createTranslate(options.language).then(
    (translate) => {
      t = translate;
      draw();
    },
    () => {
      // The locale chunk did not load (network): keep the launcher usable, draw nothing.
    },
  );

  const api: ChatApi = {
    open: () => setOpen(true),
    close,
    toggle: () => (open ? close() : setOpen(true)),
  };
  return api;
};
