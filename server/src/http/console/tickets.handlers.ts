import { AppError, ErrorCode, type ConsoleRoutes } from '@introserv/shared';
import type { LocalTicketRecord, TicketStore } from '../../tickets/ticket.store.js';
import type { RouteHandlers } from '../route-handler.js';

const summary = ({ body: _b, files: _f, ...rest }: LocalTicketRecord) => rest;

/** The `local` help desk's tickets, for the console's Tickets page. */
export function ticketHandlers(tickets: TicketStore, provider: string): Pick<RouteHandlers<ConsoleRoutes>, 'tickets.list' | 'tickets.get' | 'tickets.file'> {
  return {
    'tickets.list': async () => ({ tickets: (await tickets.list(200)).map(summary), provider }),
    'tickets.get': async ({ params }) => {
      const ticket = await tickets.get(params.number);
      if (!ticket) throw new AppError(ErrorCode.NotFound, 'no such ticket');
      const files = ticket.files.map(({ name, type, size, attachmentId }) => ({ name, type, size, ...(attachmentId ? { attachmentId } : {}) }));
      return { ticket: { ...ticket, files } };
    },
    /** A transcript, downloaded: never rendered on our origin (it is the visitor's text). */
    'tickets.file': async ({ params: { number, name }, res }) => {
      const ticket = await tickets.get(number);
      const file = ticket?.files.find((f) => f.name === name && f.text !== undefined);
      if (!ticket || !file) throw new AppError(ErrorCode.NotFound, 'no such file');
      res.setHeader('Content-Type', file.type);
      res.setHeader('Content-Disposition', `attachment; filename="${ticket.number.slice(1)}-${name}"`);
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.send(file.text);
      return undefined;
    },
  };
}
