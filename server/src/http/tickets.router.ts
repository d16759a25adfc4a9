import { AppError, ErrorCode, type LocalTicketList, type LocalTicketResult } from '@introserv/shared';
import { Router } from 'express';
import { z } from 'zod';
import type { LocalTicketRecord, TicketStore } from '../tickets/ticket.store.js';
import { parseWith } from './parse-body.js';

const TicketNumber = z.string().regex(/^\d{6}$/, 'expected the six digits of a ticket number');
const FileName = z.enum(['transcript.txt', 'transcript.html']);

const summary = ({ body: _b, files: _f, ...rest }: LocalTicketRecord) => rest;

/** `/api/tickets`: the `local` help desk's tickets, for the console's Tickets page. */
export function ticketsRouter(tickets: TicketStore, provider: string): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json({ tickets: (await tickets.list(200)).map(summary), provider } satisfies LocalTicketList);
  });

  router.get('/:number', async (req, res) => {
    const ticket = await tickets.get(parseWith(TicketNumber, req.params.number));
    if (!ticket) throw new AppError(ErrorCode.NotFound, 'no such ticket');
    const files = ticket.files.map(({ name, type, size, attachmentId }) => ({ name, type, size, ...(attachmentId ? { attachmentId } : {}) }));
    res.json({ ticket: { ...ticket, files } } satisfies LocalTicketResult);
  });

  /** A transcript, downloaded: never rendered on our origin (it is the visitor's text). */
  router.get('/:number/files/:name', async (req, res) => {
    const ticket = await tickets.get(parseWith(TicketNumber, req.params.number));
    const name = parseWith(FileName, req.params.name);
    const file = ticket?.files.find((f) => f.name === name && f.text !== undefined);
    if (!ticket || !file) throw new AppError(ErrorCode.NotFound, 'no such file');
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Disposition', `attachment; filename="${ticket.number.slice(1)}-${name}"`);
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(file.text);
  });

  return router;
}
