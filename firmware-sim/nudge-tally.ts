// What the simulated customers did with their nudges, for the report: messages received, acted
// on, converted (a swap within the window of the latest nudge), trips to a store with no pack for
// them (all, and those a nudge caused), and the two rules a personal policy must never break as
// the customers experienced them: a nudge inside their quiet hours, and more nudges in a rolling
// 24 h than the cap. Checked here independently of the server's own code.
import type { CustomerBank } from './customer-model.ts';
import { RESPONSE } from './nudge-response.ts';

export type NudgePolicyName = 'off' | 'blanket' | 'personal';

export interface NudgeCounters {
  policy: NudgePolicyName;
  /** Nudges that reached a customer about the pack they hold. */
  messages: number;
  /** Nudges about a pack the customer no longer held (dropped, not counted as ignored). */
  stale: number;
  acted: number;
  ignored: number;
  /** Nudges followed by a swap (any kiosk) within the conversion window; the latest nudge gets it. */
  conversions: number;
  /** conversions ÷ messages. */
  conversionRate: number | null;
  /** Arrivals at a store with no pack for the customer (no ready pack, or every ready one held for someone else). */
  tripsToEmptyStore: number;
  tripsToEmptyStoreFromNudge: number;
  /** Visits a nudge caused that ended in a swap. */
  nudgedSwaps: number;
  /** Nudges received inside the customer's own quiet hours (local). */
  insideQuietHours: number;
  /** Nudges beyond capPer24h in any rolling 24 h for one customer. */
  overCap: number;
  capPer24h: number;
}

const H = 3_600_000;

export class NudgeTally {
  private readonly c: NudgeCounters;
  private readonly lastNudgeAt: Float64Array;
  private readonly converted: Uint8Array;
  private readonly recent = new Map<number, number[]>();
  private readonly minuteOf: (atMs: number) => number;

  constructor(private readonly customers: CustomerBank, policy: NudgePolicyName, capPer24h: number, timeZone = 'Europe/London') {
    this.c = { policy, messages: 0, stale: 0, acted: 0, ignored: 0, conversions: 0, conversionRate: null, tripsToEmptyStore: 0, tripsToEmptyStoreFromNudge: 0, nudgedSwaps: 0, insideQuietHours: 0, overCap: 0, capPer24h };
    this.lastNudgeAt = new Float64Array(customers.size).fill(Number.NEGATIVE_INFINITY);
    this.converted = new Uint8Array(customers.size);
    this.minuteOf = localMinuteFn(timeZone);
  }

  /** A nudge reached customer c; returns false when it was about a pack they no longer hold. */
  received(c: number, atMs: number, aboutHeldPack: boolean): boolean {
    if (!aboutHeldPack) {
      this.c.stale++;
      return false;
    }
    this.c.messages++;
    const cb = this.customers;
    const h = Math.floor(this.minuteOf(atMs) / 60);
    const s = cb.quietStartHour[c] as number;
    const e = cb.quietEndHour[c] as number;
    if (s !== e && (s < e ? h >= s && h < e : h >= s || h < e)) this.c.insideQuietHours++;
    const times = (this.recent.get(c) ?? []).filter((t) => t > atMs - 24 * H);
    times.push(atMs);
    this.recent.set(c, times);
    if (times.length > this.c.capPer24h) this.c.overCap++;
    this.lastNudgeAt[c] = atMs;
    this.converted[c] = 0;
    return true;
  }

  answered(acted: boolean): void {
    if (acted) this.c.acted++;
    else this.c.ignored++;
  }

  /** Customer c swapped (or picked up) at atMs. */
  swapped(c: number, atMs: number, fromNudge: boolean): void {
    if (fromNudge) this.c.nudgedSwaps++;
    if (this.converted[c] === 0 && atMs - (this.lastNudgeAt[c] as number) <= RESPONSE.conversionWindowH * H) {
      this.converted[c] = 1;
      this.c.conversions++;
    }
  }

  /** Customer c arrived at a store with nothing for them. */
  emptyTrip(fromNudge: boolean): void {
    this.c.tripsToEmptyStore++;
    if (fromNudge) this.c.tripsToEmptyStoreFromNudge++;
  }

  report(): NudgeCounters {
    return { ...this.c, conversionRate: this.c.messages > 0 ? Math.round((this.c.conversions / this.c.messages) * 1000) / 1000 : null };
  }
}

/** Local minute of the day in a zone, from Intl, memoised per zone and quarter hour. */
function localMinuteFn(timeZone: string): (atMs: number) => number {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
  let quarter = Number.NaN;
  let offsetMin = 0;
  return (atMs) => {
    const q = Math.floor(atMs / 900_000);
    if (q !== quarter) {
      quarter = q;
      const parts = f.formatToParts(q * 900_000);
      const hh = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
      const mm = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
      const utcMin = Math.floor(((q * 900_000) % 86_400_000) / 60_000);
      offsetMin = (((hh * 60 + mm - utcMin) % 1440) + 1440) % 1440;
    }
    return (Math.floor((atMs % 86_400_000) / 60_000) + offsetMin) % 1440;
  };
}
