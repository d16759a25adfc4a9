import type { TicketProviderConfig } from '../config.js';
import { LocalTicketProvider } from './local.provider.js';
import { OsTicketProvider } from './osticket.provider.js';
import type { TicketProvider } from './ticket-provider.js';
import type { TicketStore } from './ticket.store.js';
import { WebhookProvider } from './webhook.provider.js';
import { WhmcsProvider } from './whmcs.provider.js';
import { ZammadProvider } from './zammad.provider.js';

/** The help desk TICKET_PROVIDER names, with its settings. */
export function createTicketProvider(config: TicketProviderConfig, timeoutMs: number, tickets: TicketStore): TicketProvider {
  switch (config.provider) {
    case 'local':
      return new LocalTicketProvider(tickets);
    case 'whmcs':
      return new WhmcsProvider({ ...config, timeoutMs });
    case 'osticket':
      return new OsTicketProvider({ ...config, timeoutMs });
    case 'zammad':
      return new ZammadProvider({ ...config, timeoutMs });
    case 'webhook':
      return new WebhookProvider({ ...config, timeoutMs });
  }
}
