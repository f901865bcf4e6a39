// Quiet hours and local time in the customer's zone: across midnight, across DST changes (spring
// forward, fall back) and in zones with half-hour offsets. Times are UTC instants, checked in local terms.
import { describe, expect, it } from 'vitest';
import { hourOfWeek, hourOfWeekLabel, isQuietAt, localMinuteOfDay, quietEndsAtMs, zoneOffsetMs, type QuietHours } from '../../domain/nudge/local-time.ts';

const t = (iso: string): number => Date.parse(iso);

describe('zone offsets and local time', () => {
  it.each([
    ['Europe/London in winter', 'Europe/London', '2025-01-15T12:00:00Z', 0],
    ['Europe/London in summer', 'Europe/London', '2025-07-15T12:00:00Z', 60],
    ['Europe/London just before spring forward', 'Europe/London', '2025-03-30T00:59:00Z', 0],
    ['Europe/London at spring forward', 'Europe/London', '2025-03-30T01:00:00Z', 60],
    ['Europe/London just before fall back', 'Europe/London', '2025-10-26T00:59:00Z', 60],
    ['Europe/London at fall back', 'Europe/London', '2025-10-26T01:00:00Z', 0],
    ['America/New_York in winter', 'America/New_York', '2025-01-15T12:00:00Z', -300],
    ['Asia/Kolkata, a half-hour zone', 'Asia/Kolkata', '2025-01-15T12:00:00Z', 330],
    ['Asia/Kathmandu, a quarter-hour zone', 'Asia/Kathmandu', '2025-01-15T12:00:00Z', 345],
    ['an unknown zone counts as UTC', 'Mars/Olympus', '2025-01-15T12:00:00Z', 0],
  ])('%s', (_what, zone, iso, offsetMin) => {
    expect(zoneOffsetMs(zone, t(iso)) / 60_000).toBe(offsetMin);
  });

  it('counts hours of the week from Monday 00:00 local', () => {
    expect(hourOfWeek('Europe/London', t('2025-01-06T00:00:00Z'))).toBe(0); // a Monday
    expect(hourOfWeekLabel(hourOfWeek('Europe/London', t('2025-01-12T23:30:00Z')))).toBe('Sun 23:00');
    expect(hourOfWeekLabel(hourOfWeek('Europe/London', t('2025-07-07T08:10:00Z')))).toBe('Mon 09:00');
    // Sunday 20:00 in New York is Monday 01:00 UTC: local wins.
    expect(hourOfWeekLabel(hourOfWeek('America/New_York', t('2025-01-13T01:00:00Z')))).toBe('Sun 20:00');
    expect(localMinuteOfDay('Asia/Kolkata', t('2025-01-15T00:00:00Z'))).toBe(5 * 60 + 30);
  });
});

const NIGHT: QuietHours = { startHour: 22, endHour: 7 };
const DAY: QuietHours = { startHour: 9, endHour: 17 };

describe('quiet hours', () => {
  it.each<[string, QuietHours | undefined, string, string, boolean]>([
    ['before a window that crosses midnight', NIGHT, 'Europe/London', '2025-01-15T21:59:00Z', false],
    ['at its start', NIGHT, 'Europe/London', '2025-01-15T22:00:00Z', true],
    ['after midnight', NIGHT, 'Europe/London', '2025-01-16T03:00:00Z', true],
    ['in its last minute', NIGHT, 'Europe/London', '2025-01-16T06:59:00Z', true],
    ['at its end', NIGHT, 'Europe/London', '2025-01-16T07:00:00Z', false],
    ['inside a daytime window', DAY, 'Europe/London', '2025-01-15T12:00:00Z', true],
    ['outside a daytime window', DAY, 'Europe/London', '2025-01-15T17:00:00Z', false],
    ['no window set', undefined, 'Europe/London', '2025-01-15T23:00:00Z', false],
    ['a window that starts and ends at the same hour is no window', { startHour: 5, endHour: 5 }, 'Europe/London', '2025-01-15T05:30:00Z', false],
    ['in summer, 21:30 UTC is 22:30 local', NIGHT, 'Europe/London', '2025-07-15T21:30:00Z', true],
    ['in summer, 06:30 UTC is 07:30 local', NIGHT, 'Europe/London', '2025-07-16T06:30:00Z', false],
    ['New York: 02:00 UTC is 21:00 local', NIGHT, 'America/New_York', '2025-01-16T02:00:00Z', false],
    ['New York: 03:00 UTC is 22:00 local', NIGHT, 'America/New_York', '2025-01-16T03:00:00Z', true],
  ])('%s', (_what, q, zone, iso, quiet) => {
    expect(isQuietAt(q, zone, t(iso))).toBe(quiet);
  });

  it.each<[string, QuietHours, string, string, string]>([
    ['an ordinary night ends at 07:00 local', NIGHT, 'Europe/London', '2025-01-15T23:10:00Z', '2025-01-16T07:00:00Z'],
    ['summer: 07:00 BST is 06:00 UTC', NIGHT, 'Europe/London', '2025-07-15T23:10:00Z', '2025-07-16T06:00:00Z'],
    // 2025-03-30: 01:00 GMT becomes 02:00 BST; local 01:00-01:59 never happens.
    ['spring forward: a window ending at 02:00 ends at the jump', { startHour: 22, endHour: 2 }, 'Europe/London', '2025-03-30T00:30:00Z', '2025-03-30T01:00:00Z'],
    ['spring forward: a window ending at 01:00 (which does not exist) ends at the jump too', { startHour: 22, endHour: 1 }, 'Europe/London', '2025-03-30T00:30:00Z', '2025-03-30T01:00:00Z'],
    ['spring forward night: 22:00 GMT to 07:00 BST is an hour shorter', NIGHT, 'Europe/London', '2025-03-29T22:00:00Z', '2025-03-30T06:00:00Z'],
    // 2025-10-26: 02:00 BST becomes 01:00 GMT; the night is an hour longer.
    ['fall back night: 22:00 BST to 07:00 GMT is an hour longer', NIGHT, 'Europe/London', '2025-10-25T21:00:00Z', '2025-10-26T07:00:00Z'],
    ['fall back: a window ending at 01:00 ends at the first 01:00 (BST)', { startHour: 23, endHour: 1 }, 'Europe/London', '2025-10-25T22:30:00Z', '2025-10-26T00:00:00Z'],
    // 2025-03-09: 02:00 EST becomes 03:00 EDT in New York.
    ['New York spring forward: a window ending at 03:00 ends at 03:00 EDT', { startHour: 22, endHour: 3 }, 'America/New_York', '2025-03-09T06:30:00Z', '2025-03-09T07:00:00Z'],
    ['Kolkata: 07:00 IST is 01:30 UTC', NIGHT, 'Asia/Kolkata', '2025-01-15T20:00:00Z', '2025-01-16T01:30:00Z'],
  ])('%s', (_what, q, zone, iso, endIso) => {
    const end = quietEndsAtMs(q, zone, t(iso));
    expect(new Date(end).toISOString()).toBe(new Date(t(endIso)).toISOString());
    expect(isQuietAt(q, zone, end)).toBe(false);
    // The window really lasted until then: a minute earlier was still quiet.
    expect(isQuietAt(q, zone, end - 60_000)).toBe(true);
  });

  it('ends now when it is not quiet now', () => {
    expect(quietEndsAtMs(NIGHT, 'Europe/London', t('2025-01-15T12:34:56Z'))).toBe(t('2025-01-15T12:34:56Z'));
  });
});
