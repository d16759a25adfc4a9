import { z } from 'zod';

/** `GET /api/stats?days=7|30` (admins). */
export const StatsQuery = z.object({ days: z.coerce.number().pipe(z.union([z.literal(7), z.literal(30)])).default(7) });
export type StatsQuery = z.infer<typeof StatsQuery>;

/** A distribution of durations in ms: mean and 90th percentile (null when nothing was measured). */
export const DurationSummary = z.object({ count: z.number().int().nonnegative(), averageMs: z.number().nullable(), p90Ms: z.number().nullable() });
export type DurationSummary = z.infer<typeof DurationSummary>;

/**
 * The admin dashboard. `now`: chats waiting and in progress, operators online (connected,
 * status online). Over the period: chats started per day (UTC days, oldest first) and per
 * department, the wait (assigned − started, first assignment) and the first response
 * (first operator reply − started). Percentiles come from fixed buckets, so p90 is the
 * upper bound of the bucket it falls in.
 */
export const Dashboard = z.object({
  now: z.object({ waiting: z.number().int(), active: z.number().int(), operatorsOnline: z.number().int() }),
  days: z.number().int(),
  perDay: z.array(z.object({ day: z.string(), chats: z.number().int(), byDepartment: z.record(z.string(), z.number().int()) })),
  perDepartment: z.record(z.string(), z.number().int()),
  wait: DurationSummary,
  firstResponse: DurationSummary,
});
export type Dashboard = z.infer<typeof Dashboard>;
