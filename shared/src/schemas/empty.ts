import { z } from 'zod';

/** The successful ack of a command that has nothing to return but `ok: true`. */
export const Empty = z.object({});
export type Empty = z.infer<typeof Empty>;
