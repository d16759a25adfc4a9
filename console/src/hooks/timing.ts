/**
 * The console's own timings, named once. What the widget shares with it (command timeout,
 * retry backoff) is `TIMING` in `@introserv/shared/client`.
 */
export const CONSOLE_TIMING = {
  /** How often relative times in the list ("waiting 3 min", "left 2 min ago") refresh. */
  listClockMs: 15_000,
  /** How often the visitor's local time in the details pane refreshes. */
  detailsClockMs: 60_000,
  /** How often waiting times in the list tick: every second, as the promise is an instant answer. */
  waitClockMs: 1_000,
} as const;
