// A scenario's events on the clock for a networked run: a lot that starts overheating, kiosks whose
// network (or power) goes away and comes back with a backlog, and reconnect storms that drop a
// share of every connection at once.
import type { BuiltFleet } from './fleet-build.ts';
import type { DeviceLink } from './device-link.ts';
import type { LinkPool } from './link-pool.ts';
import type { Rng } from './rng.ts';
import type { Scenario } from './scenarios.ts';
import type { SimClock } from './virtual-clock.ts';

export interface ScenarioTally {
  reconnectStorms: number;
  devicesDropped: number;
}

export interface ScenarioTargets {
  clock: SimClock;
  startMs: number;
  built: BuiltFleet;
  kioskLinks: readonly DeviceLink[];
  pool: LinkPool;
  /** Picks storm victims and their reconnect delays. */
  rng: Rng;
  /** A storm's reconnects spread over this much wall time. */
  stormSpreadMs: number;
  tally: ScenarioTally;
}

/** Schedules the scenario's events; returns the timer ids. */
export function armScenarioEvents(sc: Scenario, t: ScenarioTargets): number[] {
  const { clock: c, startMs: t0, built } = t;
  const timers: number[] = [];
  if (sc.recall) {
    const { lot, overheatPerHour } = sc.recall;
    timers.push(c.schedule(t0 + sc.recall.startsAfterMs, () => {
      if (lot < built.packs.lotCount) built.packs.lotOverheatPerHour[lot] = overheatPerHour;
    }));
  }
  for (const o of sc.outages) {
    const k = built.kiosks[o.kiosk];
    const link = t.kioskLinks[o.kiosk];
    if (!k || !link) continue;
    timers.push(c.schedule(t0 + o.startsAfterMs, () => {
      // The cabinet carries on (charging, reporting into its outbox); only the network is gone.
      k.online = false;
      link.stop();
      if (o.kind === 'power') k.setMainsPower(false);
    }));
    timers.push(c.schedule(t0 + o.startsAfterMs + o.lastsMs, () => {
      k.online = true;
      k.setMainsPower(true);
      void link.start();
    }));
  }
  for (const storm of sc.network.reconnectStorms) {
    timers.push(c.schedule(t0 + storm.atAfterMs, () => {
      const victims = t.pool.links.filter((l) => l.wanted && t.rng.chance(storm.share));
      t.tally.reconnectStorms++;
      t.tally.devicesDropped += victims.length;
      t.pool.storm(victims, t.stormSpreadMs, () => t.rng.next());
    }));
  }
  return timers;
}
