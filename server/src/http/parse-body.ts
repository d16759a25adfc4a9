import { AppError, ErrorCode } from '@introserv/shared';
import type { z } from 'zod';

/** Parses an HTTP body or query with its shared schema; a failure is a 400 with field issues. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError(
    ErrorCode.InvalidPayload,
    'invalid request',
    r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}
