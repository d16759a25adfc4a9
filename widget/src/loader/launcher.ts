import { adoptCss } from '../adopt-css.js';
import type { ChatViewState, WidgetConfig } from '../embed.js';
import { LAUNCHER_LABELS } from './labels.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z';
const CLOSE_ICON = 'M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4l5.6 5.6L5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6z';

// `all: initial` stops inherited host-page styles (fonts, colours, line-height) at the
// shadow boundary; the host element itself is a 0×0 fixed box, so it covers nothing.
const CSS =
  ':host{all:initial}' +
  '.launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;' +
  'background:#0b57d0;color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.28)}' +
  ':host([data-position=left]) .launcher{right:auto;left:20px}' +
  '.launcher:focus-visible{outline:3px solid #ffb300;outline-offset:2px}' +
  '.launcher svg{width:28px;height:28px;fill:currentColor}' +
  '.badge{position:absolute;top:-3px;right:-3px;min-width:10px;height:20px;padding:0 5px;border-radius:10px;' +
  'background:#d93025;color:#fff;font:600 12px/20px system-ui,sans-serif}';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  render(state: ChatViewState): void;
}

/** Draws the round launcher button in an open shadow root (tests pierce it). */
export function createLauncher(config: WidgetConfig): Launcher {
  const host = document.createElement('introserv-chat');
  // Set through the CSSOM, which a strict CSP allows (a style="" attribute it would not).
  const hs = host.style;
  hs.position = 'fixed';
  hs.top = hs.left = '0';
  hs.width = hs.height = '0';
  hs.zIndex = String(config.zIndex);
  host.dataset.position = config.position;
  const root = host.attachShadow({ mode: 'open' });
  adoptCss(root, CSS);

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.dataset.testid = 'launcher';
  button.setAttribute('aria-expanded', 'false');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  svg.append(path);
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('aria-hidden', 'true');
  button.append(svg, badge);
  root.append(button);

  const label = LAUNCHER_LABELS[config.language];
  const render = ({ open, unread }: ChatViewState): void => {
    path.setAttribute('d', open ? CLOSE_ICON : CHAT_ICON);
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', unread ? `${label} (${unread})` : label);
    badge.hidden = !unread;
    badge.textContent = unread > 9 ? '9+' : String(unread);
  };
  render({ open: false, unread: 0 });
  return { host, root, button, render };
}
