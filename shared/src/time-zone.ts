/**
 * Wall clocks in IANA time zones, through Intl only (no time zone data of our own): the
 * ticket form asks when a problem started in the visitor's zone and shows it in CET/CEST,
 * the zone INTROSERV's support works in.
 */

/** A zone on Central European Time (CET in winter, CEST in summer). */
export const CET_ZONE = 'Europe/Amsterdam';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

interface Clock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function clockAt(instant: number, timeZone: string): Clock | null {
  const f = formatter(timeZone);
  if (!f) return null;
  const parts = f.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Minutes the zone is ahead of UTC at that instant (60 for CET, 120 for CEST). */
export function offsetMinutes(instant: number, timeZone: string): number | null {
  const c = clockAt(instant, timeZone);
  if (!c) return null;
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant at which a clock in `timeZone` shows `date` (YYYY-MM-DD) and `time` (HH:MM).
 * In a daylight-saving gap the time after the gap; in an overlap the earlier one. Null for
 * an unknown zone or a malformed date.
 *
 * @example wallClockToInstant('2026-12-02', '08:15', 'Europe/Zagreb') // Date.UTC(2026, 11, 2, 7, 15)
 */
export function wallClockToInstant(date: string, time: string, timeZone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const naive = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(naive)) return null;
  // The zone's offsets a day before and after cover any change around this clock.
  const offsets = [offsetMinutes(naive - 86_400_000, timeZone), offsetMinutes(naive + 86_400_000, timeZone)];
  if (offsets[0] === null || offsets[1] === null) return null;
  const candidates = [...new Set(offsets as number[])].map((o) => naive - o * 60_000);
  const shows = candidates.filter((c) => offsetMinutes(c, timeZone) === (naive - c) / 60_000);
  // An overlap shows the clock twice: the earlier. A gap never shows it: the time after the gap.
  return shows.length > 0 ? Math.min(...shows) : Math.max(...candidates);
}

/**
 * The wall clock in a zone, and how far ahead of UTC it is then.
 *
 * @example formatInZone(Date.UTC(2026, 6, 1, 6, 0), 'Europe/Amsterdam') // { date: '2026-07-01', time: '08:00', offsetMinutes: 120 }
 */
export function formatInZone(instant: number, timeZone: string): { date: string; time: string; offsetMinutes: number } | null {
  const c = clockAt(instant, timeZone);
  const offset = offsetMinutes(instant, timeZone);
  if (!c || offset === null) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${c.year}-${pad(c.month)}-${pad(c.day)}`, time: `${pad(c.hour)}:${pad(c.minute)}`, offsetMinutes: offset };
}

/** `CET` or `CEST` for an instant, as INTROSERV's support names its time. */
export function cetName(instant: number): 'CET' | 'CEST' {
  return offsetMinutes(instant, CET_ZONE) === 120 ? 'CEST' : 'CET';
}
