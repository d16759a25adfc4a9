import { pickLanguage } from '@introserv/shared/client';
import type { WidgetConfig } from '../embed.js';

export const DEFAULT_Z_INDEX = 2147483000;

/**
 * Reads the embed tag:
 * `<script async src=".../widget/loader.js" data-site="introserv" data-lang="de"
 *   data-server="https://chat.example.com" data-z-index="1000" data-position="left">`.
 * Returns null without `data-site`: the widget then stays out of the page.
 */
export function readConfig(script: HTMLScriptElement, browserLanguages: readonly string[]): WidgetConfig | null {
  const data = script.dataset;
  if (!data.site) return null;
  const zIndex = Number(data.zIndex);
  return {
    siteId: data.site,
    // An unsupported data-lang falls through to the browser's preferences.
    language: pickLanguage(data.lang ? [data.lang, ...browserLanguages] : browserLanguages),
    server: (data.server || new URL(script.src).origin).replace(/\/+$/, ''),
    position: data.position === 'left' ? 'left' : 'right',
    zIndex: data.zIndex && Number.isInteger(zIndex) ? zIndex : DEFAULT_Z_INDEX,
  };
}
