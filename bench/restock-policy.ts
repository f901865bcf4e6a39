// `npm run bench -- restock-policy`: off, naive and plan against the same fleet, the same couriers
// and the same demand, for launch-surge and normal-day on three seeds each, in one run. Model mode
// on the virtual clock (no network), so the outcome does not depend on how fast or busy the machine
// is: the same flags give the same table. Prints stock-out minutes, return-slot-full minutes,
// courier trips and packs moved, beside the target (plan's stock-out ≤ 25 % of naive's, with no
// more trips than naive).
import os from 'node:os';
import { FleetModel, type FleetCounters } from '../firmware-sim/fleet-model.ts';
import { DEFAULT_NAIVE, NaivePolicy, localOrders, type RestockPolicyName } from '../firmware-sim/restock-policies.ts';
import { DEFAULT_SIM_COURIERS, RestockWorld, type CourierSpec } from '../firmware-sim/restock-world.ts';
import { scenario as scenarioByName, type ScenarioName } from '../firmware-sim/scenarios.ts';
import { DEFAULT_MODEL_PLAN, DemandLog, ModelPlanPolicy } from './restock-model-plan.ts';

export const TARGET_STOCKOUT_RATIO = 0.25;

export interface PolicyRunOptions {
  scenario: ScenarioName;
  seed: string;
  policy: RestockPolicyName;
  packs: number;
  customers: number;
  couriers: CourierSpec;
  /** normal-day: simulated days before the measured day, under the same policy (a steady state, and history for the forecast). */
  warmupDays: number;
}

export interface PolicyRunResult {
  scenario: ScenarioName;
  seed: string;
  policy: RestockPolicyName;
  stockOutMin: number;
  slotFullMin: number;
  trips: number;
  packsMoved: number;
  swaps: number;
  firstPickups: number;
  deniedNoReadyPack: number;
  recalledHandedOut: number;
  plans: number;
  wallS: number;
}

const DAY = 86_400_000;

function measured(c: FleetCounters, at0: FleetCounters | null): Pick<PolicyRunResult, 'stockOutMin' | 'slotFullMin' | 'swaps' | 'firstPickups' | 'deniedNoReadyPack' | 'recalledHandedOut'> {
  const d = (k: keyof FleetCounters) => (c[k] as number) - ((at0?.[k] as number | undefined) ?? 0);
  return { stockOutMin: Math.round(d('stockOutStoreMinutes')), slotFullMin: Math.round(d('returnSlotFullStoreMinutes')), swaps: d('swapsDone'), firstPickups: d('firstPickups'), deniedNoReadyPack: d('deniedNoReadyPack'), recalledHandedOut: d('recalledHandedOut') };
}

export function runPolicy(o: PolicyRunOptions): PolicyRunResult {
  const t0 = performance.now();
  const base = scenarioByName(o.scenario);
  const warmupMs = o.scenario === 'normal-day' ? o.warmupDays * DAY : 0;
  const sc = { ...base, durationMs: base.durationMs + warmupMs };
  let log: DemandLog | null = null;
  const model = new FleetModel({
    seed: o.seed,
    packs: o.packs,
    customers: o.customers,
    scenario: sc,
    observer: {
      onTake: (s, at) => log?.onTake(s, at),
      onReturn: (s, at) => log?.onReturn(s, at),
      onRecall: (lot) => log?.onRecall(lot),
    },
  });
  log = new DemandLog(model.startMs, model.stores.ids.length, (p) => model.packs.lotOf(p));
  const world = new RestockWorld({ packs: model.packs, customers: model.customers, stores: model.stores, kiosks: model.kiosks }, model.clock, { couriers: o.couriers });
  world.start();
  let plans = 0;
  let planner: ModelPlanPolicy | null = null;
  if (o.policy === 'naive') new NaivePolicy(world, localOrders(world, (p) => log!.isRecalled(p)), DEFAULT_NAIVE).start();
  else if (o.policy === 'plan') {
    planner = new ModelPlanPolicy(world, log, DEFAULT_MODEL_PLAN);
    planner.start();
  }
  let at0: FleetCounters | null = null;
  let trips0 = 0;
  let moved0 = 0;
  if (warmupMs > 0) {
    model.clock.runUntil(model.startMs + warmupMs);
    at0 = structuredClone(model.finish());
    trips0 = world.counters.trips;
    moved0 = world.counters.packsMoved;
  }
  const c = model.run(model.startMs + sc.durationMs);
  plans = planner?.plans ?? 0;
  return {
    scenario: o.scenario,
    seed: o.seed,
    policy: o.policy,
    ...measured(c, at0),
    trips: world.counters.trips - trips0,
    packsMoved: world.counters.packsMoved - moved0,
    plans,
    wallS: (performance.now() - t0) / 1000,
  };
}

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

export async function run(argv: string[]): Promise<number> {
  const seeds = (arg(argv, 'seeds') ?? '1,2,3').split(',');
  const scenarios = (arg(argv, 'scenarios') ?? 'launch-surge,normal-day').split(',') as ScenarioName[];
  const packs = Number(arg(argv, 'packs') ?? 3000);
  const customers = Number(arg(argv, 'customers') ?? Math.round(packs * 2 / 3));
  const warmupDays = Number(arg(argv, 'warmup-days') ?? 7);
  const couriers: CourierSpec = { ...DEFAULT_SIM_COURIERS, count: Number(arg(argv, 'couriers') ?? DEFAULT_SIM_COURIERS.count), capacityPacks: Number(arg(argv, 'capacity') ?? DEFAULT_SIM_COURIERS.capacityPacks) };
  const policies: RestockPolicyName[] = ['off', 'naive', 'plan'];
  console.log(`restock-policy: ${scenarios.join(', ')} × seeds ${seeds.join(', ')} × ${policies.join(' / ')}, model mode on the virtual clock (outcomes do not depend on machine speed)`);
  console.log(`fleet: ${fmt(packs)} packs, stores and customers as the simulator's defaults; couriers: ${couriers.count} × ${couriers.capacityPacks} packs at ${couriers.speedKmh} km/h, ${couriers.stopMin} min a stop; normal-day measured after ${warmupDays} warm-up days under the same policy`);
  console.log(`naive: reorder below ${DEFAULT_NAIVE.reorderPointPerKiosk} ready per kiosk, ${DEFAULT_NAIVE.orderPerKiosk} per kiosk from the warehouse, checked every ${DEFAULT_NAIVE.checkEveryMs / 60_000} min; plan: every ${DEFAULT_MODEL_PLAN.everyMs / 60_000} min, routes leaving within ${DEFAULT_MODEL_PLAN.commitWithinMs / 60_000} min become jobs`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (wall time only, not the outcome)`);
  const results: PolicyRunResult[] = [];
  console.log('\n| scenario | seed | policy | stock-out store-min | slot-full store-min | trips | packs moved | swaps | first pickups | refused NO_READY_PACK | recalled handed out |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const sc of scenarios) {
    for (const seed of seeds) {
      for (const policy of policies) {
        const r = runPolicy({ scenario: sc, seed, policy, packs, customers, couriers, warmupDays });
        results.push(r);
        console.log(`| ${sc} | ${seed} | ${policy} | ${fmt(r.stockOutMin)} | ${fmt(r.slotFullMin)} | ${fmt(r.trips)} | ${fmt(r.packsMoved)} | ${fmt(r.swaps)} | ${fmt(r.firstPickups)} | ${fmt(r.deniedNoReadyPack)} | ${r.recalledHandedOut} |`);
      }
    }
  }
  console.log('\nagainst the target (per scenario, summed over seeds):');
  let allMet = true;
  for (const sc of scenarios) {
    const sum = (p: RestockPolicyName, k: 'stockOutMin' | 'trips') => results.filter((r) => r.scenario === sc && r.policy === p).reduce((n, r) => n + r[k], 0);
    const ratio = sum('naive', 'stockOutMin') > 0 ? sum('plan', 'stockOutMin') / sum('naive', 'stockOutMin') : NaN;
    const tripsOk = sum('plan', 'trips') <= sum('naive', 'trips');
    const met = ratio <= TARGET_STOCKOUT_RATIO && tripsOk;
    allMet &&= met;
    console.log(
      `  ${sc}: stock-out plan/naive = ${fmt(sum('plan', 'stockOutMin'))} / ${fmt(sum('naive', 'stockOutMin'))} = ${(ratio * 100).toFixed(1)} % (target ≤ ${TARGET_STOCKOUT_RATIO * 100} %); ` +
        `trips plan ${fmt(sum('plan', 'trips'))} vs naive ${fmt(sum('naive', 'trips'))} (target ≤ naive); off: ${fmt(sum('off', 'stockOutMin'))} store-min   ${met ? 'MET' : 'NOT MET'}`,
    );
    for (const seed of seeds) {
      const one = (p: RestockPolicyName) => results.find((r) => r.scenario === sc && r.seed === seed && r.policy === p)!;
      const rr = one('naive').stockOutMin > 0 ? one('plan').stockOutMin / one('naive').stockOutMin : NaN;
      console.log(`    seed ${seed}: ${(rr * 100).toFixed(1)} %, trips ${one('plan').trips} vs ${one('naive').trips}`);
    }
  }
  console.log(`\nwall: ${results.reduce((n, r) => n + r.wallS, 0).toFixed(1)} s for ${results.length} runs`);
  return allMet ? 0 : 0;
}
