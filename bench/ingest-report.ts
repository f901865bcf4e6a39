// The ingest benchmark's final summary: a table of the headline figures beside their targets and
// one JSON line (prefixed INGEST_BENCH_JSON) to paste into a note.
import { availableParallelism, cpus } from 'node:os';
import { P99_LIMIT_MS, median, sustained, type StepResult } from './ingest-ramp.ts';

export const TARGET_READINGS_PER_SEC = 50_000;
export const TARGET_RATIO = 1.2;

export interface TargetResult {
  name: string;
  connections: number;
  rssPerConnBytes: number;
  steps: StepResult[];
  note: string;
}

interface Headline {
  name: string;
  sustainedRatePerSec: number | null;
  deliveredPerSec: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  rssPerConnKiB: number;
  /** Highest delivered/s of any step, passing or not. */
  peakDeliveredPerSec: number | null;
  cpuUsPerReading: number | null;
  /** The ramp ended because the generator could not offer more: the figure is a floor. */
  floorOnly: boolean;
  connections: number;
}

function headline(t: TargetResult): Headline {
  const best = sustained(t.steps);
  const lastStep = t.steps[t.steps.length - 1];
  return {
    name: t.name,
    sustainedRatePerSec: best?.ratePerSec ?? null,
    deliveredPerSec: best?.deliveredPerSec ?? null,
    p50Ms: best?.p50Ms ?? null,
    p99Ms: best?.p99Ms ?? null,
    rssPerConnKiB: Math.round((t.rssPerConnBytes / 1024) * 10) / 10,
    peakDeliveredPerSec: t.steps.length ? Math.max(...t.steps.map((s) => s.deliveredPerSec)) : null,
    cpuUsPerReading: best?.cpuUsPerReading ?? null,
    floorOnly: lastStep !== undefined && (lastStep.generatorLimited || lastStep.pass),
    connections: t.connections,
  };
}

const num = (n: number | null): string => (n === null ? '-' : Math.round(n).toLocaleString('en-US'));
const ms = (n: number | null): string => (n === null ? '-' : n.toFixed(1));

export function printSummary(
  r: { ours: TargetResult | null; mosquitto: TargetResult | null; args: Record<string, unknown>; startedAt: Date; wallS: number; argv: string[] },
  print: (line: string) => void,
): void {
  const ours = r.ours ? headline(r.ours) : null;
  const mosq = r.mosquitto ? headline(r.mosquitto) : null;
  const ratio = ours?.deliveredPerSec && mosq?.deliveredPerSec ? ours.deliveredPerSec / mosq.deliveredPerSec : null;
  const col = (h: Headline | null, f: (h: Headline) => string): string => (h ? f(h) : 'not run').padStart(18);
  const floor = (h: Headline): string => (h.floorOnly ? '≥ ' : '');
  print(`\n== summary: ingest, ${r.startedAt.toISOString().slice(0, 10)}, ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? '?'}), wall ${r.wallS.toFixed(0)} s ==`);
  print(`  ${''.padEnd(34)}${(ours?.name ?? 'chargefleet').padStart(18)}${(mosq?.name ?? 'mosquitto').padStart(18)}   target`);
  print(`  ${'connections'.padEnd(34)}${col(ours, (h) => num(h.connections))}${col(mosq, (h) => num(h.connections))}   ≥ 10,000`);
  print(`  ${'sustained readings/s (step)'.padEnd(34)}${col(ours, (h) => floor(h) + num(h.sustainedRatePerSec))}${col(mosq, (h) => floor(h) + num(h.sustainedRatePerSec))}   ≥ ${num(TARGET_READINGS_PER_SEC)} (ours)`);
  print(`  ${'  delivered/s measured at that step'.padEnd(34)}${col(ours, (h) => num(h.deliveredPerSec))}${col(mosq, (h) => num(h.deliveredPerSec))}`);
  print(`  ${'  peak delivered/s, any step'.padEnd(34)}${col(ours, (h) => num(h.peakDeliveredPerSec))}${col(mosq, (h) => num(h.peakDeliveredPerSec))}`);
  print(`  ${'  CPU µs per reading at that step'.padEnd(34)}${col(ours, (h) => num(h.cpuUsPerReading))}${col(mosq, (h) => num(h.cpuUsPerReading))}`);
  print(`  ${'p50 publish-to-PUBACK ms'.padEnd(34)}${col(ours, (h) => ms(h.p50Ms))}${col(mosq, (h) => ms(h.p50Ms))}`);
  print(`  ${'p99 publish-to-PUBACK ms'.padEnd(34)}${col(ours, (h) => ms(h.p99Ms))}${col(mosq, (h) => ms(h.p99Ms))}   ≤ ${P99_LIMIT_MS}`);
  print(`  ${'RSS per connection KiB (idle)'.padEnd(34)}${col(ours, (h) => h.rssPerConnKiB.toFixed(1))}${col(mosq, (h) => h.rssPerConnKiB.toFixed(1))}   ≤ 20 (ours)`);
  const ratioText = ratio === null ? '-' : `${mosq?.floorOnly && !ours?.floorOnly ? '≤ ' : ''}${ratio.toFixed(2)}`;
  print(`  ${'ratio ours / mosquitto'.padEnd(34)}${ratioText.padStart(18)}${''.padStart(18)}   ≥ ${TARGET_RATIO}`);
  print('  Not like for like: our PUBACK waits for the DuckDB commit (durable); mosquitto PUBACKs on receipt with');
  print('  persistence off, and its delivered figure is what one wildcard subscriber received per second.');
  if (ours?.floorOnly || mosq?.floorOnly) print('  ≥: the ramp ended at the generator\'s limit or at the last step, so that figure is a floor.');
  const others = [...(r.ours?.steps ?? []), ...(r.mosquitto?.steps ?? [])].map((s) => s.otherCpuPct).filter((x) => Number.isFinite(x));
  const othersMedian = others.length ? median(others) : null;
  if (othersMedian !== null) {
    print(`  Other processes on this machine used ${othersMedian.toFixed(0)} % of a core (median over steps)${othersMedian > 25 ? ': a NOISY machine, these figures understate both brokers' : ''}.`);
  }
  const verdict: string[] = [];
  if (ours) verdict.push(ours.sustainedRatePerSec !== null && ours.sustainedRatePerSec >= TARGET_READINGS_PER_SEC ? 'readings/s target MET' : 'readings/s target NOT met');
  if (ratio !== null) verdict.push(ratio >= TARGET_RATIO ? 'ratio target MET' : 'ratio target NOT met');
  if (verdict.length > 0) print(`  ${verdict.join('; ')}`);
  const json = {
    bench: 'ingest',
    date: r.startedAt.toISOString(),
    command: `npm run bench -- ingest ${r.argv.join(' ')}`.trim(),
    cores: availableParallelism(),
    args: r.args,
    ours: ours && r.ours ? { ...ours, note: r.ours.note, steps: compactSteps(r.ours.steps) } : null,
    mosquitto: mosq && r.mosquitto ? { ...mosq, note: r.mosquitto.note, steps: compactSteps(r.mosquitto.steps) } : null,
    ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
    otherCpuPctMedian: othersMedian,
    targets: { readingsPerSec: TARGET_READINGS_PER_SEC, p99Ms: P99_LIMIT_MS, ratio: TARGET_RATIO },
  };
  print(`INGEST_BENCH_JSON ${JSON.stringify(json)}`);
}

function compactSteps(steps: StepResult[]): object[] {
  return steps.map((s) => ({
    rate: s.ratePerSec,
    delivered: s.deliveredPerSec,
    p50Ms: s.p50Ms,
    p99Ms: s.p99Ms === Infinity ? 'lost' : s.p99Ms,
    sutCpuPct: s.serverCpuPct,
    cpuUsPerReading: s.cpuUsPerReading,
    genCpuPct: s.genCpuPct,
    otherCpuPct: s.otherCpuPct,
    blocked: s.blocked,
    lost: s.lost,
    pass: s.pass,
    genLimited: s.generatorLimited,
    ...s.extra,
  }));
}
