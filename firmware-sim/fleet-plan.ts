// What a networked run will create, decided before anything touches the network: the model fleet
// with its wire ids (behind the run's prefix), the customers' card tokens, the devices to provision
// and the registry import document. Deterministic from the seed and the prefix.
import { buildFleet, DEFAULT_GEO, type BuiltFleet, type GeoOptions } from './fleet-build.ts';
import { customerTokens, provisionDevices, registryDoc, type ApiTarget, type DeviceToProvision, type RegistryDoc } from './provision.ts';
import { Rng } from './rng.ts';
import { scenario as scenarioByName, type NetworkFaults, type Scenario, type ScenarioName } from './scenarios.ts';

export interface FleetPlanOptions {
  seed: string | number;
  packs: number;
  /** Default 75 % of packs. */
  customers?: number;
  stores: number;
  kiosksPerStore: number;
  slotsPerKiosk?: number;
  scenario?: ScenarioName | Scenario;
  /** Overrides of the scenario's network faults. */
  network?: Partial<NetworkFaults>;
  /** Put in front of every id (stores, kiosks, packs, customers, lots), so runs never collide. Default "sim-". */
  idPrefix?: string;
  /** Simulated start, epoch ms. */
  startMs: number;
  /** Provision every customer's app (a device of kind customer) to receive nudges. */
  customerApps?: boolean;
  /** Where the city is and how far it spreads (default central London, 14 km). */
  geo?: Partial<GeoOptions>;
}

export interface FleetPlan {
  built: BuiltFleet;
  scenario: Scenario;
  idPrefix: string;
  slotsPerKiosk: number;
  kioskIds: string[];
  /** Card token of each customer, by customer index. */
  tokens: string[];
  /** Kiosks first, then packs. */
  devices: DeviceToProvision[];
  registry(): RegistryDoc;
}

export function planFleet(o: FleetPlanOptions): FleetPlan {
  const base = typeof o.scenario === 'object' ? o.scenario : scenarioByName(o.scenario ?? 'normal-day');
  const sc = o.network ? { ...base, network: { ...base.network, ...o.network } } : base;
  const slots = o.slotsPerKiosk ?? 12;
  const built = buildFleet({
    seed: o.seed,
    packs: o.packs,
    customers: o.customers ?? Math.round(o.packs * 0.75),
    stores: o.stores,
    kiosksPerStore: o.kiosksPerStore,
    slotsPerKiosk: slots,
    // About 20 lots whatever the fleet size, so a recall touches a visible share of it.
    lotSize: Math.max(50, Math.ceil(o.packs / 20)),
    startMs: o.startMs,
    scenario: sc,
    kiosk: {},
    geo: { ...DEFAULT_GEO, ...o.geo },
  });
  const prefix = o.idPrefix ?? 'sim-';
  // Wire ids: the model's ids behind the run's prefix (the model keeps its own in kiosk.id).
  for (let i = 0; i < built.packs.size; i++) built.packs.ids[i] = prefix + built.packs.ids[i]!;
  for (let c = 0; c < built.customers.size; c++) built.customers.ids[c] = prefix + built.customers.ids[c]!;
  for (let s = 0; s < built.stores.ids.length; s++) built.stores.ids[s] = prefix + built.stores.ids[s]!;
  const kioskIds = built.kiosks.map((k) => prefix + k.id);
  const tokens = customerTokens(built.customers.size, new Rng(`${o.seed}/${prefix}/tokens`));
  return {
    built,
    scenario: sc,
    idPrefix: prefix,
    slotsPerKiosk: slots,
    kioskIds,
    tokens,
    devices: [
      ...kioskIds.map((id) => ({ id, kind: 'kiosk' as const })),
      ...built.packs.ids.map((id) => ({ id, kind: 'pack' as const })),
      ...(o.customerApps ? built.customers.ids.map((id) => ({ id, kind: 'customer' as const })) : []),
    ],
    registry: () => {
      const cb = built.customers;
      const nudgePrefs = (c: number) => ({ consent: cb.consent[c] === 1, channel: 'mqtt' as const, quietHours: { startHour: cb.quietStartHour[c]!, endHour: cb.quietEndHour[c]! } });
      return registryDoc({ stores: built.stores, kioskIds, slotsPerKiosk: slots, customerIds: cb.ids, packs: built.packs, lotName: (lot) => `${prefix}lot-${lot}`, nudgePrefs }, tokens);
    },
  };
}

/** POST /v1/devices for every device of the plan, logging progress every 2 s. */
export async function provisionPlan(plan: FleetPlan, api: ApiTarget, opts: { concurrency?: number; log?: (line: string) => void } = {}): Promise<Map<string, string>> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  let lastLog = t0;
  const creds = await provisionDevices(api, plan.devices, {
    concurrency: opts.concurrency ?? 16,
    onProgress: (done, of) => {
      if (performance.now() - lastLog > 2000 && done < of) {
        lastLog = performance.now();
        log(`provisioned ${done}/${of} devices`);
      }
    },
  });
  log(`provisioned ${creds.size} devices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return creds;
}
