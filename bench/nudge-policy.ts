// `npm run bench -- nudge-policy`: off, blanket and personal nudges against the same simulated
// fleet and customers (model mode, virtual clock: the outcomes do not depend on machine speed),
// normal-day and launch-surge, 3 seeds each, in one run. Prints the figures, the targets for
// personal against blanket, and personal's lift over its own holdout with a 95 % interval.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { FleetModel, type FleetCounters } from '../firmware-sim/fleet-model.ts';
import type { NudgeCounters } from '../firmware-sim/nudge-tally.ts';
import { isScenarioName, type ScenarioName } from '../firmware-sim/scenarios.ts';
import { emptyPolicyTally, modelPolicy, SERVER_DEFAULTS, type PolicyTally } from './nudge-model-policy.ts';

const POLICIES = ['off', 'blanket', 'personal'] as const;
type Policy = (typeof POLICIES)[number];

export interface PolicyRun {
  scenario: ScenarioName;
  seed: number;
  policy: Policy;
  counters: FleetCounters;
  nudges: NudgeCounters;
  server: PolicyTally;
  wallS: number;
}

/** One run: the fleet and customers depend only on the seed, so the three policies see the same people. */
export function runPolicy(scenario: ScenarioName, seed: number, policy: Policy, packs: number): PolicyRun {
  const server = emptyPolicyTally();
  const t0 = performance.now();
  const model = new FleetModel({
    seed,
    packs,
    scenario,
    nudges: { name: policy, capPer24h: SERVER_DEFAULTS.maxPer24h, make: (m) => modelPolicy(m, { ...SERVER_DEFAULTS, policy: policy === 'off' ? 'personal' : policy }, server) },
  });
  const counters = model.run();
  return { scenario, seed, policy, counters, nudges: counters.nudges!, server, wallS: (performance.now() - t0) / 1000 };
}

const median = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (x: number, d = 0): string => (Number.isFinite(x) ? x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }) : '-');

/** Difference of two proportions with a 95 % Wald interval. */
export function lift(treated: { n: number; k: number }, holdout: { n: number; k: number }): { pt: number; ph: number; diff: number; lo: number; hi: number } {
  const pt = treated.n > 0 ? treated.k / treated.n : Number.NaN;
  const ph = holdout.n > 0 ? holdout.k / holdout.n : Number.NaN;
  const se = Math.sqrt((pt * (1 - pt)) / treated.n + (ph * (1 - ph)) / holdout.n);
  return { pt, ph, diff: pt - ph, lo: pt - ph - 1.96 * se, hi: pt - ph + 1.96 * se };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { packs: { type: 'string', default: '4000' }, seeds: { type: 'string', default: '1,2,3' }, scenarios: { type: 'string', default: 'normal-day,launch-surge' } } });
  const packs = Number(values.packs);
  const seeds = String(values.seeds).split(',').map(Number);
  const scenarios = String(values.scenarios).split(',');
  const bad = scenarios.filter((s) => !isScenarioName(s));
  if (!Number.isInteger(packs) || packs < 100 || seeds.some((s) => !Number.isInteger(s)) || bad.length > 0) {
    process.stderr.write(`usage: npm run bench -- nudge-policy [--packs N≥100] [--seeds 1,2,3] [--scenarios normal-day,launch-surge]${bad.length ? ` (unknown: ${bad.join(', ')})` : ''}\n`);
    return 2;
  }
  console.log(`nudge-policy: ${fmt(packs)} packs (${fmt(Math.round(packs * 0.75))} customers), seeds ${seeds.join(', ')}, model mode on the virtual clock; server defaults: cap ${SERVER_DEFAULTS.maxPer24h}/24 h, holdout ${SERVER_DEFAULTS.holdoutPct} %, hold ${SERVER_DEFAULTS.holdMin} min, reach ${SERVER_DEFAULTS.maxDistanceM} m`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (figures below do not depend on it)`);
  let allMet = true;
  for (const sc of scenarios as ScenarioName[]) {
    const runs: PolicyRun[] = [];
    for (const seed of seeds) for (const p of POLICIES) runs.push(runPolicy(sc, seed, p, packs));
    const of = (p: Policy) => runs.filter((r) => r.policy === p);
    const days = runs[0]!.counters.simulatedMs / 86_400_000;
    console.log(`\n${sc} (${fmt(days, 1)} simulated days per run; median of ${seeds.length} seeds, each seed's value in brackets)`);
    const cols: [string, (r: PolicyRun) => number, number][] = [
      ['messages', (r) => r.nudges.messages, 0],
      ['acted on', (r) => r.nudges.acted, 0],
      ['conversions', (r) => r.nudges.conversions, 0],
      ['conversion rate', (r) => (r.nudges.messages ? r.nudges.conversions / r.nudges.messages : Number.NaN), 3],
      ['flat in hand', (r) => r.counters.packsHitZeroInHand, 0],
      ['phone-dead min', (r) => r.counters.phoneDeadMinutes, 0],
      ['empty trips, all', (r) => r.nudges.tripsToEmptyStore, 0],
      ['empty trips by nudge', (r) => r.nudges.tripsToEmptyStoreFromNudge, 0],
      ['in quiet hours', (r) => r.nudges.insideQuietHours, 0],
      ['over the cap', (r) => r.nudges.overCap, 0],
      ['swaps', (r) => r.counters.swapsDone + r.counters.firstPickups, 0],
    ];
    console.log(`  ${''.padEnd(22)}${POLICIES.map((p) => p.padStart(30)).join('')}`);
    for (const [name, f, d] of cols) {
      const cells = POLICIES.map((p) => {
        const xs = of(p).map(f);
        return `${fmt(median(xs), d)} [${xs.map((x) => fmt(x, d)).join(' ')}]`.padStart(30);
      });
      console.log(`  ${name.padEnd(22)}${cells.join('')}`);
    }
    const per = (f: (p: PolicyRun, b: PolicyRun) => number) => median(seeds.map((s) => f(runs.find((r) => r.seed === s && r.policy === 'personal')!, runs.find((r) => r.seed === s && r.policy === 'blanket')!)));
    const rate = (r: PolicyRun) => r.nudges.conversions / r.nudges.messages;
    const targets: [string, number, string, boolean][] = [
      ['flat in hand, personal ÷ blanket', per((p, b) => p.counters.packsHitZeroInHand / b.counters.packsHitZeroInHand), '≤ 0.50', false],
      ['conversion rate, personal ÷ blanket', per((p, b) => rate(p) / rate(b)), '≥ 2.00', false],
      ['messages, personal ÷ blanket', per((p, b) => p.nudges.messages / b.nudges.messages), '≤ 0.33', false],
      ['empty trips caused by a nudge (personal, worst seed)', Math.max(...of('personal').map((r) => r.nudges.tripsToEmptyStoreFromNudge)), '= 0', false],
      ['nudges in quiet hours or over the cap (personal, worst seed)', Math.max(...of('personal').map((r) => r.nudges.insideQuietHours + r.nudges.overCap)), '= 0', false],
    ];
    targets[0]![3] = targets[0]![1] <= 0.5;
    targets[1]![3] = targets[1]![1] >= 2;
    targets[2]![3] = targets[2]![1] <= 1 / 3;
    targets[3]![3] = targets[3]![1] === 0;
    targets[4]![3] = targets[4]![1] === 0;
    console.log('  targets, personal vs blanket (median of the per-seed ratios):');
    for (const [name, value, target, met] of targets) {
      allMet &&= met;
      console.log(`    ${name.padEnd(60)} ${fmt(value, 2).padStart(6)}   target ${target.padEnd(7)} ${met ? 'MET' : 'MISSED'}`);
    }
    const pers = of('personal');
    const sum = (f: (r: PolicyRun) => number) => pers.reduce((a, r) => a + f(r), 0);
    const l = lift({ n: sum((r) => r.server.treated.nudges), k: sum((r) => r.server.treated.converted) }, { n: sum((r) => r.server.holdout.nudges), k: sum((r) => r.server.holdout.converted) });
    console.log(`  personal's lift over its holdout (seeds pooled; a swap within ${SERVER_DEFAULTS.conversionH} h of a nudge, or of the holdout's would-be nudge):`);
    console.log(`    treated ${fmt(l.pt * 100, 1)} % of ${fmt(sum((r) => r.server.treated.nudges))}   holdout ${fmt(l.ph * 100, 1)} % of ${fmt(sum((r) => r.server.holdout.nudges))}   lift ${fmt(l.diff * 100, 1)} points, 95 % CI [${fmt(l.lo * 100, 1)}, ${fmt(l.hi * 100, 1)}]`);
    const sup: Record<string, number> = {};
    for (const r of pers) for (const [k, v] of Object.entries(r.server.suppressed)) sup[k] = (sup[k] ?? 0) + v;
    console.log(`  personal, all seeds: ${fmt(sum((r) => r.server.sent))} sent, ${fmt(sum((r) => r.server.holds))} with a hold, ${fmt(sum((r) => r.server.stockGone))} dropped at send time (no held pack and no ample stock); suppressed: ${Object.entries(sup).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
    console.log(`  wall time: ${fmt(runs.reduce((a, r) => a + r.wallS, 0), 1)} s for ${runs.length} runs`);
  }
  console.log(`\n${allMet ? 'all targets met' : 'some targets missed (see above; bench/README.md "Nudge policy" says why)'}`);
  return 0;
}
