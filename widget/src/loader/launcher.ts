import { adoptCss } from '../adopt-css.js';
import type { ChatViewState, WidgetConfig } from '../embed.js';

const SVG = 'http://www.w3.org/2000/svg';
/**
 * A speech bubble; quadratic corners draw it in fewer bytes than arcs. While the panel is
 * open the chat chunk draws a chevron in its place (the panel only opens once it is there).
 */
const CHAT_ICON = 'M2 4q0-2 2-2h16q2 0 2 2v12q0 2-2 2H6l-4 4z';

// `all: initial` stops inherited host-page styles (fonts, colours, line-height) at the
// shadow boundary; the host element itself is an empty inline box (its content is fixed,
// out of flow), so it covers nothing.
// `!important` here beats a page's `* { all: unset !important }`: for important rules the
// shadow tree's own wins over the page's (CSS Scoping §3.3, cascade by context).
const css = ({ zIndex, color, position }: Pick<WidgetConfig, 'zIndex' | 'position' | 'color'>): string =>
  `:host{all:initial!important;position:fixed!important;z-index:${zIndex}!important}` +
  // `all: unset` drops the browser's button look (border, padding, font) in one go.
  `.launcher{all:unset;position:fixed;bottom:20px;${position}:20px;width:56px;height:56px;border-radius:50%;background:${color};` +
  'color:#fff;cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 14px #0005}' +
  // The panel (chat chunk) uses the same focus ring, so this one rule serves the whole shadow root.
  ':focus-visible{outline:3px solid #ffb300;outline-offset:2px}' +
  '.launcher svg{width:28px;height:28px;fill:currentColor}' +
  '.launcher span{position:absolute;top:-3px;right:-3px;min-width:10px;padding:0 5px;border-radius:10px;' +
  'background:#c5221f;color:#fff;font:600 12px/20px sans-serif}';

export interface Launcher {
  host: HTMLElement;
  root: ShadowRoot;
  button: HTMLButtonElement;
  render: (state: ChatViewState) => void;
}

/** Builds the round launcher button in an open shadow root (tests pierce it); `render` draws its state. */
export function createLauncher(config: Pick<WidgetConfig, 'zIndex' | 'position' | 'color'>): Launcher {
  const host = document.createElement('introserv-chat');
  const root = host.attachShadow({ mode: 'open' });
  adoptCss(root, css(config));

  // No type="button" needed: in a shadow root the button has no form to submit.
  const button = document.createElement('button');
  button.className = 'launcher';
  button.dataset.testid = 'launcher';
  // No aria-hidden on the icon and the badge: the button's aria-label names it, and an
  // aria-label takes precedence over the content in the accessible name.
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', CHAT_ICON);
  svg.append(path);
  const badge = document.createElement('span');
  button.append(svg, badge);
  root.append(button);

  const render = ({ open, unread, label }: ChatViewState): void => {
    button.setAttribute('aria-expanded', `${open}`);
    button.setAttribute('aria-label', unread ? `${label} (${unread})` : label);
    badge.hidden = !unread;
    badge.textContent = unread > 9 ? '9+' : `${unread}`;
  };
  return { host, root, button, render };
}
