// Simulator model mode: 100,000 packs through one simulated day with no network, against the target
// of at most 60 s wall on the 2-core machine. Prints the median of 3 runs and simulated s per wall s.
// Run: npx tsx bench/sim-model.ts [--packs 100000] [--runs 3] [--scenario normal-day] [--seed 1]
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { FleetModel, type FleetCounters } from '../firmware-sim/fleet-model.ts';
import { isScenarioName, scenario, type ScenarioName } from '../firmware-sim/scenarios.ts';

/** Target from DESIGN.md: simulator, 100k packs, one simulated day, at most 60 s wall. */
export const SIM_MODEL_TARGET_WALL_S = 60;

export interface SimModelFigures {
  packs: number;
  scenario: ScenarioName;
  runs: number;
  /** Wall seconds of each run (the simulated day only, not building the fleet). */
  wallS: number[];
  /** CPU seconds (user + system) of each run: reads the same on a quiet or a busy machine. */
  cpuS: number[];
  medianWallS: number;
  medianBuildS: number;
  /** Simulated seconds per wall second, at the median. */
  simSPerWallS: number;
  /** Pack-steps (packs x 60 s steps) per wall second, at the median. */
  packStepsPerS: number;
  counters: FleetCounters;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function benchSimModel(opts: { packs?: number; runs?: number; scenario?: ScenarioName; seed?: string | number } = {}): SimModelFigures {
  const packs = opts.packs ?? 100_000;
  const runs = Math.max(1, Math.min(9, opts.runs ?? 3));
  const name = opts.scenario ?? 'normal-day';
  // One simulated day whatever the scenario's own length, as the target says.
  const sc = scenario(name, { durationMs: 86_400_000 });
  const wallS: number[] = [];
  const cpuS: number[] = [];
  const buildS: number[] = [];
  let counters: FleetCounters | undefined;
  for (let r = 0; r < runs; r++) {
    const model = (() => {
      const t0 = performance.now();
      const m = new FleetModel({ seed: opts.seed ?? 1, packs, scenario: sc });
      buildS.push((performance.now() - t0) / 1000);
      return m;
    })();
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const c = model.run();
    wallS.push((performance.now() - t1) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpuS.push((cpu.user + cpu.system) / 1e6);
    counters ??= c;
  }
  const medianWallS = median(wallS);
  return {
    packs,
    scenario: name,
    runs,
    wallS,
    cpuS,
    medianWallS,
    medianBuildS: median(buildS),
    simSPerWallS: 86_400 / medianWallS,
    packStepsPerS: (packs * 1440) / medianWallS,
    counters: counters as FleetCounters,
  };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const scenarioArg = arg('scenario') ?? 'normal-day';
  if (!isScenarioName(scenarioArg)) throw new Error(`unknown scenario ${scenarioArg}`);
  const packs = Number(arg('packs') ?? 100_000);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');
  console.log(`sim-model: ${fmt(packs)} packs, one simulated day (${scenarioArg}, 60 s physics steps), no network`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const f = benchSimModel({ packs, runs: Number(arg('runs') ?? 3), scenario: scenarioArg, seed: arg('seed') ?? 1 });
  f.wallS.forEach((s, k) => console.log(`  run ${k + 1}: ${s.toFixed(2)} s wall, ${(f.cpuS[k] as number).toFixed(2)} s cpu`));
  const ok = f.medianWallS <= SIM_MODEL_TARGET_WALL_S;
  console.log(`median wall: ${f.medianWallS.toFixed(2)} s   target: <= ${SIM_MODEL_TARGET_WALL_S} s   ${ok ? 'MET' : 'MISSED'}   (median cpu ${median(f.cpuS).toFixed(2)} s)`);
  console.log(`simulated s per wall s: ${fmt(f.simSPerWallS)}   pack-steps per s: ${fmt(f.packStepsPerS)}   fleet build: ${f.medianBuildS.toFixed(2)} s`);
  const c = f.counters;
  console.log(
    `day 1: ${fmt(c.packReadings)} pack readings, ${fmt(c.kioskStatusReports)} kiosk status, ${fmt(c.kioskEvents)} kiosk events; ` +
      `${fmt(c.swapsDone)}/${fmt(c.swapsAttempted)} swaps, ${fmt(c.firstPickups)} first pickups, ` +
      `${fmt(c.packsHitZeroInHand)} packs flat in hand, ${fmt(c.stockOutStoreMinutes)} store-minutes of stock-out in ${fmt(c.storesWithStockOut)} stores`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
