import type { WidgetConfig } from '../embed.js';

export const DEFAULT_Z_INDEX = 2147483000;

/** The tag's options; position and colour are the tag's only when it sets them (else the server's settings). */
export type TagConfig = Omit<WidgetConfig, 'position' | 'color' | 'department' | 'language'> & {
  /** `data-lang` as written ('' without one): the server picks the language from it and the browser's. */
  language: string;
  position: WidgetConfig['position'] | undefined;
  color: string | undefined;
  department: string | undefined;
  /** `data-open`: open the panel as soon as the page loads. */
  open: boolean;
};

/**
 * Reads the embed tag:
 * `<script async src=".../widget/loader.js" data-site="introserv" data-lang="de"
 *   data-server="https://chat.example.com" data-z-index="1000" data-position="left"
 *   data-color="#7b1fa2" data-department="technical" data-open>`.
 * Returns null without `data-site`: the widget then stays out of the page.
 */
export function readConfig(script: HTMLScriptElement): TagConfig | null {
  const data = script.dataset;
  if (!data.site) return null;
  const zIndex = Number(data.zIndex);
  const { position, color, department } = data;
  return {
    siteId: data.site,
    language: data.lang ?? '',
    server: (data.server || new URL(script.src).origin).replace(/\/+$/, ''),
    zIndex: data.zIndex && Number.isInteger(zIndex) ? zIndex : DEFAULT_Z_INDEX,
    position: position === 'left' || position === 'right' ? position : undefined,
    // Only #rrggbb reaches a stylesheet: nothing else can be written into one.
    color: /^#[\da-f]{6}$/i.test(color ?? '') ? color : undefined,
    department,
    open: data.open === '' || data.open === 'true',
  };
}
