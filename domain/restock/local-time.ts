// Hour of the week in a store's own time zone (Monday 00:00 local = 0 ... Sunday 23:00 = 167), so
// an hour-of-week profile follows people's clocks across daylight-saving changes. Offsets come
// from Intl once per zone and UTC day and are cached: a forecast over 28 days for 1,000 stores in
// one zone asks Intl a few dozen times, not 670,000.

export const HOURS_PER_WEEK = 168;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    } catch {
      return null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local time minus UTC at atMs, ms (0 for UTC or an unknown zone). */
export function utcOffsetMs(timeZone: string, atMs: number): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  // Zones change offset on the hour (or half hour: close enough for an hourly profile).
  const block = Math.floor(atMs / HOUR_MS);
  const key = `${timeZone}|${block}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const f = formatter(timeZone);
  let off = 0;
  if (f) {
    const probe = block * HOUR_MS;
    const p: Record<string, number> = {};
    for (const part of f.formatToParts(probe)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    const local = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!);
    off = Math.round((local - probe) / 60_000) * 60_000;
  }
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** Hour of the week in the zone: Monday 00:00-00:59 local is 0. */
export function hourOfWeek(atMs: number, timeZone: string): number {
  const local = atMs + utcOffsetMs(timeZone, atMs);
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  const weekday = (((day + 3) % 7) + 7) % 7;
  const hour = Math.floor((local - day * DAY_MS) / HOUR_MS);
  return weekday * 24 + hour;
}

/** Start of the UTC hour containing atMs. */
export function hourStart(atMs: number): number {
  return Math.floor(atMs / HOUR_MS) * HOUR_MS;
}

export { HOUR_MS, DAY_MS };
