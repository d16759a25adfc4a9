import { adoptCss } from '../adopt-css.js';
import type { ChatViewState, WidgetConfig } from '../embed.js';
import { LAUNCHER_LABELS } from './labels.js';

const SVG = 'http://www.w3.org/2000/svg';
/** A speech bubble; quadratic corners draw it in fewer bytes than arcs. */
const CHAT_ICON = 'M2 4q0-2 2-2h16q2 0 2 2v12q0 2-2 2H6l-4 4z';
/** A chevron pointing down ("minimize") while the panel is open: half the bytes of an X. */
const MINIMIZE_ICON = 'M16.6 8.6 12 13.2 7.4 8.6 6 10l6 6 6-6z';

// `all: initial` stops inherited host-page styles (fonts, colours, line-height) at the
// shadow boundary; the host element itself is a 0×0 fixed box, so it covers nothing.
const CSS =
  ':host{all:initial}' +
  // `all: unset` drops the browser's button look (border, padding, font) in one go.
  '.launcher{all:unset;position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;' +
  'background:#0b57d0;color:#fff;cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 14px #0005}' +
  ':host([data-position=left]) .launcher{right:auto;left:20px}' +
  // The panel (chat chunk) uses the same focus ring, so this one rule serves the whole shadow root.
  ':focus-visible{outline:3px solid #ffb300;outline-offset:2px}' +
  '.launcher svg{width:28px;height:28px;fill:currentColor}' +
  '.launcher span{position:absolute;top:-3px;right:-3px;min-width:10px;padding:0 5px;border-radius:10px;' +
  'background:#d93025;color:#fff;font:600 12px/20px sans-serif}';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  render: (state: ChatViewState) => void;
}

/** Builds the round launcher button in an open shadow root (tests pierce it); `render` draws its state. */
export function createLauncher(config: WidgetConfig): Launcher {
  const host = document.createElement('introserv-chat');
  // Set through the CSSOM, which a strict CSP allows (a style="" attribute it would not).
  // Fixed, so that z-index applies; 0×0 wherever it sits, so it covers nothing: the
  // launcher and the panel inside are fixed to the viewport themselves.
  const hs = host.style;
  hs.position = 'fixed';
  hs.width = hs.height = '0';
  hs.zIndex = `${config.zIndex}`;
  host.dataset.position = config.position;
  const root = host.attachShadow({ mode: 'open' });
  adoptCss(root, CSS);

  // No type="button" needed: in a shadow root the button has no form to submit.
  const button = document.createElement('button');
  button.className = 'launcher';
  button.dataset.testid = 'launcher';
  // No aria-hidden on the icon and the badge: the button's aria-label names it, and an
  // aria-label takes precedence over the content in the accessible name.
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  const path = document.createElementNS(SVG, 'path');
  svg.append(path);
  const badge = document.createElement('span');
  button.append(svg, badge);
  root.append(button);

  const label = LAUNCHER_LABELS[config.language];
  const render = ({ open, unread }: ChatViewState): void => {
    path.setAttribute('d', open ? MINIMIZE_ICON : CHAT_ICON);
    button.setAttribute('aria-expanded', `${open}`);
    button.setAttribute('aria-label', unread ? `${label} (${unread})` : label);
    badge.hidden = !unread;
    badge.textContent = unread > 9 ? '9+' : `${unread}`;
  };
  return { host, root, button, render };
}
