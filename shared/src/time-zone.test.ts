import { describe, expect, it } from 'vitest';
import { cetName, formatInZone, wallClockToInstant } from './time-zone.js';

describe('wall clocks in time zones', () => {
  it('turns a wall clock into the instant, in winter and in summer', () => {
    expect(wallClockToInstant('2026-12-02', '08:15', 'Europe/Zagreb')).toBe(Date.UTC(2026, 11, 2, 7, 15));
    expect(wallClockToInstant('2026-07-02', '08:15', 'Europe/Zagreb')).toBe(Date.UTC(2026, 6, 2, 6, 15));
    expect(wallClockToInstant('2026-07-02', '08:15', 'Asia/Tokyo')).toBe(Date.UTC(2026, 6, 1, 23, 15));
    expect(wallClockToInstant('2026-07-02', '08:15', 'America/New_York')).toBe(Date.UTC(2026, 6, 2, 12, 15));
  });

  it('takes the time after a daylight-saving gap and the earlier reading of an overlap', () => {
    // 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00).
    expect(wallClockToInstant('2026-03-29', '02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 2026-10-25 02:30 happens twice; the first is still CEST (UTC+2).
    expect(wallClockToInstant('2026-10-25', '02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('refuses unknown zones and malformed input', () => {
    expect(wallClockToInstant('2026-12-02', '08:15', 'Mars/Olympus')).toBeNull();
    expect(wallClockToInstant('02.12.2026', '08:15', 'UTC')).toBeNull();
  });

  it('shows an instant in CET or CEST', () => {
    const winter = Date.UTC(2026, 0, 10, 7, 0);
    const summer = Date.UTC(2026, 6, 10, 6, 0);
    expect(formatInZone(winter, 'Europe/Amsterdam')).toEqual({ date: '2026-01-10', time: '08:00', offsetMinutes: 60 });
    expect(formatInZone(summer, 'Europe/Amsterdam')).toEqual({ date: '2026-07-10', time: '08:00', offsetMinutes: 120 });
    expect([cetName(winter), cetName(summer)]).toEqual(['CET', 'CEST']);
  });
});
