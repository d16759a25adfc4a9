/**
 * Every timing the clients share, named once. The server's own timings (grace periods,
 * leases, idle close) are in its Config, read from the environment.
 */
export const TIMING = {
  /** First retry of a refused hello or command; doubles per attempt (with jitter) up to the max. */
  retryBaseMs: 1_000,
  retryMaxMs: 30_000,
  /** A command whose ack has not come back by then settles as TIMEOUT. */
  commandTimeoutMs: 10_000,
  /** A returning visitor's chat loads when the page is idle, or after this without idle time. */
  idlePreloadFallbackMs: 1_500,
} as const;
