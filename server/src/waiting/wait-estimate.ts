/** Only services within this window count: an hour-old pace says little about now. */
export const ESTIMATE_WINDOW_MS = 60 * 60_000;
/** Fewer services than this in the window: no estimate. */
export const ESTIMATE_MIN_SAMPLES = 2;

/**
 * How long the visitor at `position` (1 = next) may still wait, in seconds, or null when
 * the recent history is too thin to say.
 *
 * The queue's recent pace is the time from the oldest service in the window until now,
 * divided by the services since: the average gap between two conversations leaving the
 * queue, counting the current stretch without one (so a queue that has stopped moving
 * reads as slower and slower). The visitor at `position` waits about `position` such gaps.
 *
 * @example estimateWaitSeconds(2, [now - 60_000, now - 120_000, now - 180_000], now) // 120: one every minute
 */
export function estimateWaitSeconds(position: number, servedNewestFirst: readonly number[], now: number): number | null {
  const recent = servedNewestFirst.filter((at) => at <= now && now - at <= ESTIMATE_WINDOW_MS);
  const oldest = recent.at(-1);
  if (recent.length < ESTIMATE_MIN_SAMPLES || oldest === undefined) return null;
  const gapMs = (now - oldest) / recent.length;
  return Math.round((position * gapMs) / 1000);
}
