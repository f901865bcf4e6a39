// The five simulator scenarios as parameter sets over the models: who signs up when (launch surge),
// which lot overheats from when (recall), which kiosk drops out and for how long (outage), and how
// the network misbehaves (duplicates, reordering, corrupt payloads, reconnect storms, clock skew).
// Times are offsets from the start of the run, so a scenario works on any clock.

export const SCENARIO_NAMES = ['normal-day', 'launch-surge', 'lot-recall', 'kiosk-outage', 'bad-network'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemandSpec {
  /** Share of customers signed up (holding a pack) at the start. */
  initialActiveShare: number;
  /** Share signed up once the ramp is over; the rest do not sign up in this run. */
  finalActiveShare: number;
  /** Sign-ups follow a logistic curve with this midpoint and width, ms from the start. */
  rampMidMs: number;
  rampWidthMs: number;
}

export interface RecallSpec {
  /** Lot index (PackBank lots of lotSize consecutive packs). */
  lot: number;
  startsAfterMs: number;
  /** Overheating episodes per pack-hour in that lot from then on (baseline is about 2e-7). */
  overheatPerHour: number;
  /** The operator recalls the lot (POST /v1/recalls) this long after the overheating starts; null: never. */
  operatorRecallAfterMs: number | null;
}

export interface OutageSpec {
  /** Kiosk index in the fleet. */
  kiosk: number;
  startsAfterMs: number;
  lastsMs: number;
  /** network: the kiosk keeps charging and queues its reports; power: it also stops charging. */
  kind: 'network' | 'power';
}

export interface ReconnectStorm {
  atAfterMs: number;
  /** Share of devices that drop and reconnect together. */
  share: number;
}

export interface NetworkFaults {
  /** Chance a message is delivered twice. */
  duplicateRate: number;
  /** Chance a message is delivered after one or more later ones. */
  reorderRate: number;
  /** Chance a payload arrives damaged (flipped bytes, truncated, or garbage). */
  corruptRate: number;
  reconnectStorms: ReconnectStorm[];
  /** Share of devices whose clock is off, and by how much (ms, positive = ahead). */
  clockSkewShare: number;
  clockSkewMs: number;
}

export interface Scenario {
  name: ScenarioName;
  description: string;
  /** Simulated span the scenario is meant to run. */
  durationMs: number;
  demand: DemandSpec;
  recall: RecallSpec | null;
  outages: OutageSpec[];
  network: NetworkFaults;
}

export const CLEAN_NETWORK: NetworkFaults = {
  duplicateRate: 0,
  reorderRate: 0,
  corruptRate: 0,
  reconnectStorms: [],
  clockSkewShare: 0,
  clockSkewMs: 0,
};

/** A steady fleet: nearly everyone already has a pack; a few new customers pick one up. */
const STEADY_DEMAND: DemandSpec = { initialActiveShare: 0.97, finalActiveShare: 1, rampMidMs: 12 * HOUR, rampWidthMs: 4 * HOUR };

const BUILDERS: Record<ScenarioName, () => Scenario> = {
  'normal-day': () => ({
    name: 'normal-day',
    description: 'An ordinary weekday: routines, swaps when low, a few first pickups, rare hiccups.',
    durationMs: DAY,
    demand: STEADY_DEMAND,
    recall: null,
    outages: [],
    network: CLEAN_NETWORK,
  }),
  'launch-surge': () => ({
    name: 'launch-surge',
    description: 'Launch: sign-ups grow about tenfold over four days as new customers pick up packs; stores run short.',
    durationMs: 5 * DAY,
    demand: { initialActiveShare: 0.07, finalActiveShare: 0.8, rampMidMs: 2.5 * DAY, rampWidthMs: 0.45 * DAY },
    recall: null,
    outages: [],
    network: CLEAN_NETWORK,
  }),
  'lot-recall': () => ({
    name: 'lot-recall',
    description: 'After a day, one production lot starts overheating; some of its packs also swell. Two hours later the operator recalls the lot.',
    durationMs: 3 * DAY,
    demand: STEADY_DEMAND,
    recall: { lot: 3, startsAfterMs: DAY, overheatPerHour: 0.002, operatorRecallAfterMs: 2 * HOUR },
    outages: [],
    network: CLEAN_NETWORK,
  }),
  'kiosk-outage': () => ({
    name: 'kiosk-outage',
    description: 'Kiosk 0 loses its network at 09:00 for five hours, keeps charging, and comes back with a backlog.',
    durationMs: DAY,
    demand: STEADY_DEMAND,
    recall: null,
    outages: [{ kiosk: 0, startsAfterMs: 9 * HOUR, lastsMs: 5 * HOUR, kind: 'network' }],
    network: CLEAN_NETWORK,
  }),
  'bad-network': () => ({
    name: 'bad-network',
    description: 'Duplicates, reordering, corrupt payloads, reconnect storms at 10:00 and 17:30, and 1 % of devices three hours fast.',
    durationMs: DAY,
    demand: STEADY_DEMAND,
    recall: null,
    outages: [],
    network: {
      duplicateRate: 0.02,
      reorderRate: 0.05,
      corruptRate: 0.005,
      reconnectStorms: [
        { atAfterMs: 10 * HOUR, share: 0.3 },
        { atAfterMs: 17.5 * HOUR, share: 0.5 },
      ],
      clockSkewShare: 0.01,
      clockSkewMs: 3 * HOUR,
    },
  }),
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** A scenario by name, with optional overrides of its top-level fields. */
export function scenario(name: ScenarioName, overrides: Partial<Omit<Scenario, 'name'>> = {}): Scenario {
  return { ...BUILDERS[name](), ...overrides };
}

/**
 * When customer number `rank` of `count` signs up, ms from the start: the first initialActiveShare
 * are there from the start, the next up to finalActiveShare follow the logistic ramp, the rest never.
 */
export function signUpOffsetMs(d: DemandSpec, rank: number, count: number): number {
  const share = (rank + 0.5) / count;
  if (share < d.initialActiveShare) return 0;
  if (share >= d.finalActiveShare) return Infinity;
  // Fraction of the ramp this customer sits at, mapped through the inverse logistic.
  const u = (share - d.initialActiveShare) / (d.finalActiveShare - d.initialActiveShare);
  return Math.max(0, d.rampMidMs + d.rampWidthMs * Math.log(u / (1 - u)));
}
