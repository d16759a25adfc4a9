import { TicketDepartment, TicketPriority } from '@introserv/shared';
import { ConfigError } from './config-error.js';

/** The ticket provider's variables, as config.ts parsed them (this module never reads the environment). */
export interface TicketEnv {
  TICKET_PROVIDER: 'local' | 'whmcs' | 'osticket' | 'zammad' | 'webhook';
  WHMCS_URL?: string | undefined;
  WHMCS_IDENTIFIER?: string | undefined;
  WHMCS_SECRET?: string | undefined;
  WHMCS_ACCESS_KEY?: string | undefined;
  WHMCS_DEPARTMENTS: string;
  OSTICKET_URL?: string | undefined;
  OSTICKET_API_KEY?: string | undefined;
  OSTICKET_TOPICS: string;
  OSTICKET_PRIORITIES: string;
  ZAMMAD_URL?: string | undefined;
  ZAMMAD_TOKEN?: string | undefined;
  ZAMMAD_GROUPS: string;
  ZAMMAD_PRIORITIES: string;
  TICKET_WEBHOOK_URL?: string | undefined;
  TICKET_WEBHOOK_SECRET?: string | undefined;
}

/** Which help desk escalations go to, and its settings. */
export type TicketProviderConfig =
  | { provider: 'local' }
  | { provider: 'whmcs'; url: string; identifier: string; secret: string; accessKey: string | undefined; departments: Record<TicketDepartment, string> }
  | { provider: 'osticket'; url: string; apiKey: string; topics: Partial<Record<TicketDepartment, number>>; priorities: Partial<Record<TicketPriority, number>> }
  | { provider: 'zammad'; url: string; token: string; groups: Record<TicketDepartment, string>; priorities: Record<TicketPriority, string> }
  | { provider: 'webhook'; url: string; secret: string };

/** `technical=Technical issues,financial=Billing` → a record; every key must be one of `keys`. */
function mapping<K extends string>(name: string, text: string, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (at < 1 || !value || !(keys as readonly string[]).includes(key)) {
      throw new ConfigError(`Invalid configuration:\n  ${name}: "${pair}" is not <${keys.join('|')}>=<value>`);
    }
    out[key as K] = value;
  }
  return out;
}

function complete<K extends string>(name: string, map: Partial<Record<K, string>>, keys: readonly K[]): Record<K, string> {
  const missing = keys.filter((k) => !map[k]);
  if (missing.length) throw new ConfigError(`Invalid configuration:\n  ${name}: needs ${missing.map((k) => `${k}=…`).join(' and ')}`);
  return map as Record<K, string>;
}

function ids<K extends string>(name: string, map: Partial<Record<K, string>>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [k, v] of Object.entries(map) as [K, string][]) {
    if (!/^\d{1,9}$/.test(v)) throw new ConfigError(`Invalid configuration:\n  ${name}: ${k}=${v} is not a numeric id`);
    out[k] = Number(v);
  }
  return out;
}

export function ticketProvider(e: TicketEnv): TicketProviderConfig {
  const need = (names: Record<string, string | undefined>): Record<string, string> => {
    const missing = Object.entries(names).filter(([, v]) => !v).map(([k]) => k);
    if (missing.length) throw new ConfigError(`Invalid configuration:\n${missing.map((k) => `  ${k}: required when TICKET_PROVIDER=${e.TICKET_PROVIDER}`).join('\n')}`);
    return names as Record<string, string>;
  };
  const departments = TicketDepartment.options;
  const priorities = TicketPriority.options;
  switch (e.TICKET_PROVIDER) {
    case 'local':
      return { provider: 'local' };
    case 'whmcs': {
      const n = need({ WHMCS_URL: e.WHMCS_URL, WHMCS_IDENTIFIER: e.WHMCS_IDENTIFIER, WHMCS_SECRET: e.WHMCS_SECRET });
      return {
        provider: 'whmcs',
        url: n.WHMCS_URL ?? '',
        identifier: n.WHMCS_IDENTIFIER ?? '',
        secret: n.WHMCS_SECRET ?? '',
        accessKey: e.WHMCS_ACCESS_KEY,
        departments: complete('WHMCS_DEPARTMENTS', mapping('WHMCS_DEPARTMENTS', e.WHMCS_DEPARTMENTS, departments), departments),
      };
    }
    case 'osticket': {
      const n = need({ OSTICKET_URL: e.OSTICKET_URL, OSTICKET_API_KEY: e.OSTICKET_API_KEY });
      return {
        provider: 'osticket',
        url: n.OSTICKET_URL ?? '',
        apiKey: n.OSTICKET_API_KEY ?? '',
        topics: ids('OSTICKET_TOPICS', mapping('OSTICKET_TOPICS', e.OSTICKET_TOPICS, departments)),
        priorities: ids('OSTICKET_PRIORITIES', mapping('OSTICKET_PRIORITIES', e.OSTICKET_PRIORITIES, priorities)),
      };
    }
    case 'zammad': {
      const n = need({ ZAMMAD_URL: e.ZAMMAD_URL, ZAMMAD_TOKEN: e.ZAMMAD_TOKEN });
      return {
        provider: 'zammad',
        url: n.ZAMMAD_URL ?? '',
        token: n.ZAMMAD_TOKEN ?? '',
        groups: complete('ZAMMAD_GROUPS', mapping('ZAMMAD_GROUPS', e.ZAMMAD_GROUPS, departments), departments),
        priorities: complete('ZAMMAD_PRIORITIES', mapping('ZAMMAD_PRIORITIES', e.ZAMMAD_PRIORITIES, priorities), priorities),
      };
    }
    case 'webhook': {
      const n = need({ TICKET_WEBHOOK_URL: e.TICKET_WEBHOOK_URL, TICKET_WEBHOOK_SECRET: e.TICKET_WEBHOOK_SECRET });
      return { provider: 'webhook', url: n.TICKET_WEBHOOK_URL ?? '', secret: n.TICKET_WEBHOOK_SECRET ?? '' };
    }
  }
}
