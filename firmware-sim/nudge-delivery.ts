// A nudge reaching a simulated customer, in either mode: is it about the pack they hold, do they
// act on it (the response model), and if so when do they reach the store. Shared by model mode
// (the bench drives the server's policy directly) and device mode (the app's MQTT connection).
import type { BuiltFleet } from './fleet-build.ts';
import { PERSONAS } from './customer-routine.ts';
import { respond, typicalPackDrainPctPerH } from './nudge-response.ts';
import type { NudgeTally } from './nudge-tally.ts';
import type { Rng } from './rng.ts';

export interface SimNudge {
  cust: number;
  store: number;
  /** The kiosk the nudge named; -1 when unknown. */
  kiosk: number;
  /** The pack the nudge is about; -1 when unknown. */
  packIdx: number;
  /** A pack is held for them until then; 0 when none. */
  holdUntilMs: number;
}

const DAY_MS = 86_400_000;
const KM_PER_DEG = 111.32;

export function deliverNudge(built: BuiltFleet, tally: NudgeTally, rng: Rng, n: SimNudge, nowMs: number): void {
  const cb = built.customers;
  const c = n.cust;
  const p = cb.pack[c] as number;
  if (!tally.received(c, nowMs, p >= 0 && p === n.packIdx && n.store >= 0)) return;
  const persona = cb.persona[c] as number;
  const per = PERSONAS[persona] ?? PERSONAS[0]!;
  const pos = cb.positionOf(c, built.stores.lat, built.stores.lon);
  const dLat = (built.stores.lat[n.store] as number) - pos.lat;
  const dLon = ((built.stores.lon[n.store] as number) - pos.lon) * Math.cos((pos.lat * Math.PI) / 180);
  const r = respond(
    {
      accept: cb.nudgeAccept[c] as number,
      timeToEmptyH: ((built.packs.soc[p] as number) * 100) / typicalPackDrainPctPerH(persona, cb.drainFactor[c] as number),
      distanceKm: Math.hypot(dLat, dLon) * KM_PER_DEG,
      // The simulated people live on the simulator's minutes of the day, as their routines do.
      minuteOfDay: ((nowMs % DAY_MS) + DAY_MS) % DAY_MS / 60_000,
      wakeMin: per.wakeMin,
      sleepMin: per.sleepMin,
      held: n.holdUntilMs > nowMs,
      ignored: cb.nudgesIgnored[c] as number,
    },
    nowMs,
    rng,
  );
  tally.answered(r.acts);
  if (r.acts) {
    cb.planDetour(c, n.store, r.arriveAtMs, n.kiosk);
    cb.nudgesIgnored[c] = (cb.nudgesIgnored[c] as number) >> 1;
  } else cb.nudgesIgnored[c] = Math.min(255, (cb.nudgesIgnored[c] as number) + 1);
}
