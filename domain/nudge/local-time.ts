// Local time in a customer's IANA zone, with time passed in: the zone's UTC offset at an instant
// (from Intl, memoised per zone per quarter hour), the hour of the week, and quiet hours that may
// cross midnight and DST changes.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const HOURS_PER_WEEK = 168;
/** UTC offsets are whole quarter hours and DST changes happen on them, so the offset is constant within one. */
const QUARTER_MS = 15 * MINUTE_MS;

/** Local hours [startHour, endHour) in which nothing is sent; start > end crosses midnight; start = end means none. */
export interface QuietHours {
  startHour: number;
  endHour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
const offsets = new Map<string, { quarter: number; offsetMs: number }>();

function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    } catch {
      // The registry validates zones on import; an unknown one here falls back to UTC rather than throw on the stream.
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local time minus UTC at atMs, in ms (Europe/London in summer: +3,600,000). Unknown zones count as UTC. */
export function zoneOffsetMs(timeZone: string, atMs: number): number {
  const quarter = Math.floor(atMs / QUARTER_MS);
  const cached = offsets.get(timeZone);
  if (cached !== undefined && cached.quarter === quarter) return cached.offsetMs;
  const f = formatter(timeZone);
  let offsetMs = 0;
  if (f !== null) {
    const at = quarter * QUARTER_MS;
    let y = 1970, mo = 1, d = 1, h = 0, mi = 0;
    for (const p of f.formatToParts(at)) {
      if (p.type === 'year') y = Number(p.value);
      else if (p.type === 'month') mo = Number(p.value);
      else if (p.type === 'day') d = Number(p.value);
      else if (p.type === 'hour') h = Number(p.value);
      else if (p.type === 'minute') mi = Number(p.value);
    }
    offsetMs = Date.UTC(y, mo - 1, d, h, mi) - at;
  }
  offsets.set(timeZone, { quarter, offsetMs });
  return offsetMs;
}

/** Minutes since local midnight, 0..1439. */
export function localMinuteOfDay(timeZone: string, atMs: number): number {
  const local = atMs + zoneOffsetMs(timeZone, atMs);
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

/** Hour of the week of a local time given as ms since the epoch in local terms: Monday 00:00-00:59 is 0, Sunday 23:00 is 167. */
export function hourOfWeekLocal(localMs: number): number {
  const hours = Math.floor(localMs / HOUR_MS);
  // 1970-01-01 was a Thursday: hour 0 of the epoch is hour 72 of its week.
  return (((hours + 72) % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK;
}

export function hourOfWeek(timeZone: string, atMs: number): number {
  return hourOfWeekLocal(atMs + zoneOffsetMs(timeZone, atMs));
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "Tue 14:00" for an hour of the week. */
export function hourOfWeekLabel(h: number): string {
  return `${DAY_NAMES[Math.floor(h / 24) % 7]} ${String(h % 24).padStart(2, '0')}:00`;
}

/** Whether a local minute of the day falls in the quiet hours. */
export function isQuietMinute(q: QuietHours | undefined, minuteOfDay: number): boolean {
  if (q === undefined || q.startHour === q.endHour) return false;
  const h = Math.floor(minuteOfDay / 60);
  return q.startHour < q.endHour ? h >= q.startHour && h < q.endHour : h >= q.startHour || h < q.endHour;
}

export function isQuietAt(q: QuietHours | undefined, timeZone: string, atMs: number): boolean {
  return isQuietMinute(q, localMinuteOfDay(timeZone, atMs));
}

/**
 * The first instant at or after atMs that is outside the quiet hours, in the customer's zone:
 * atMs itself when it is not quiet. A local hour only changes on a quarter hour (UTC offsets are
 * whole quarters), so stepping quarter by quarter finds the end exactly, across midnight and
 * across a DST change (when 01:00 local does not exist, the window ends at the jump).
 */
export function quietEndsAtMs(q: QuietHours | undefined, timeZone: string, atMs: number): number {
  if (!isQuietAt(q, timeZone, atMs)) return atMs;
  let t = Math.ceil((atMs + 1) / QUARTER_MS) * QUARTER_MS;
  // 24 h of quarters and a DST hour: a window shorter than a day always ends within this.
  for (let i = 0; i < 4 * 26 && isQuietAt(q, timeZone, t); i++) t += QUARTER_MS;
  return t;
}
