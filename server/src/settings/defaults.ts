import type { SiteSettings } from '@introserv/shared';
import type { Config } from '../config.js';

/** The widget's blue: 6.4:1 against white text (WCAG AA). */
export const DEFAULT_COLOR = '#0b57d0';

/**
 * The settings before an admin saves any: the INTROSERV blue, bottom right, the built-in
 * greeting, no pre-chat form (the first message starts the chat, as "instant" promises),
 * and the leave-a-message wait from the environment.
 */
export function defaultSiteSettings(config: Pick<Config, 'leaveMessageAfterSeconds'>): SiteSettings {
  return {
    color: DEFAULT_COLOR,
    position: 'right',
    greeting: {},
    preChat: { name: 'off', email: 'off', department: false },
    leaveMessageAfterSeconds: config.leaveMessageAfterSeconds,
    allowedOrigins: [],
  };
}
