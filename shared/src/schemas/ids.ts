import { z } from 'zod';

/** Server-made identifiers (conversations, visitors, operators): url-safe, 1–64 chars. */
export const EntityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an id of 1-64 url-safe characters');
export type EntityId = z.infer<typeof EntityId>;

/**
 * A message id made by the client before sending (a UUID in practice), so that a resend
 * after a reconnect is recognised and stored once.
 */
export const ClientMessageId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 url-safe characters');
export type ClientMessageId = z.infer<typeof ClientMessageId>;

/**
 * A position in a conversation's message log (`<ms>-<seq>`, a Redis Stream entry id).
 * Clients keep the last one they saw and ask for what came after it.
 */
export const Cursor = z.string().regex(/^\d{1,16}-\d{1,10}$/, 'expected a cursor like 1700000000000-0');
export type Cursor = z.infer<typeof Cursor>;
