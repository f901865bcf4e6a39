// `npm run bench -- NAME [flags]`: the benchmark registry. Each entry loads a module whose
// `run(argv)` resolves with an exit code. Add yours here; keep heavy imports inside the loader.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { track } from './child-processes.ts';

export interface Benchmark {
  /** One line for the listing. */
  about: string;
  load(): Promise<{ run(argv: string[]): Promise<number> }>;
}

/** For benchmarks written as scripts that run on import: run them as a child with the same flags. */
function script(file: string) {
  return async () => ({
    run: (argv: string[]) =>
      new Promise<number>((resolve) => {
        const child = track(spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url)), ...argv], { stdio: 'inherit' }), file);
        child.once('exit', (code, sig) => resolve(code ?? (sig ? 1 : 0)));
      }),
  });
}

export const BENCHMARKS: Record<string, Benchmark> = {
  ingest: {
    about: 'durable ingest of ≥10k pack connections (QoS 1, ack after commit) vs mosquitto; --quick, --connections, --steps, --seconds, --repeats, --only, --store, --profile',
    load: () => import('./ingest.ts'),
  },
  restart: {
    about: 'time from `chargefleet serve` to /healthz ok on a data dir with 50M stored readings (built once, kept), target ≤ 10 s (--readings, --packs, --kiosks, --unstored, --runs, --dir, --rebuild)',
    load: () => import('./restart.ts'),
  },
  'duckdb-write': {
    about: 'DuckDB write throughput of pack readings at several batch sizes (--preload, --rows, --runs)',
    load: script('./duckdb-write.ts'),
  },
  'influx-write': {
    about: 'InfluxDB write path: spool append+fsync, spool shipping, direct writes (--readings, --runs, --batch, --writers)',
    load: script('./influx-write.ts'),
  },
  'sim-model': {
    about: 'simulator model: 100k packs through one simulated day, target ≤ 60 s wall (--packs, --runs, --scenario, --seed)',
    load: script('./sim-model.ts'),
  },
  'sim-mqtt': {
    about: 'simulator over MQTT: 10k packs + 500 kiosks from one process against the server; connect time, msgs/s, sim and server CPU (--packs, --kiosks, --speeds, --seconds, --provision fast|api)',
    load: () => import('./sim-mqtt.ts'),
  },
  mosquitto: {
    about: 'start Debian\'s mosquitto alone on a loopback port with the benchmark\'s config (--seconds)',
    load: () => import('./mosquitto.ts'),
  },
  swaps: {
    about: 'swap decision p50/p99 over MQTT, 1,000 requests/s from 100 kiosks, with and without 20k readings/s of ingest; target p99 ≤ 10 ms (--quick, --rate, --kiosks, --seconds, --repeats, --ingest-rate, --connections, --profile)',
    load: () => import('./swaps.ts'),
  },
  'nudge-policy': {
    about: 'nudges off / blanket / personal on the same simulated fleet and customers, normal-day and launch-surge, 3 seeds, virtual clock; targets personal vs blanket and lift over the holdout (--packs, --seeds, --scenarios)',
    load: () => import('./nudge-policy.ts'),
  },
  'nudge-rule': {
    about: 'CPU per committed pack reading through the nudge stream rule: 100k customers in the real registry, target ≤ 20 µs (--customers, --readings, --batch, --stores)',
    load: () => import('./nudge-rule.ts'),
  },
  'crash-soak': {
    about: 'kill -9 the server 20 times under readings, kiosk statuses, swaps and a reconnect storm; after each restart: acked readings once, no double release, custody consistent (--cycles, --packs, --kiosks, --max-load-ms)',
    load: () => import('./crash-soak.ts'),
  },
  fuzz: {
    about: 'random and mutated MQTT packets and protobuf payloads at the broker for a bounded time; valid devices keep getting PUBACKs; crashes must be 0 (--seconds, --connections, --kiosks, --seed)',
    load: () => import('./fuzz.ts'),
  },
  access: {
    about: 'credential checks: CPU per token check vs the old scrypt, a kiosk request under a flood of wrong tokens, login time for a wrong password vs an unknown email (--checks, --logins, --flood-s)',
    load: () => import('./access.ts'),
  },
  restock: {
    about: 'restock plan time through RestockService for 1,000 stores, 3,000 kiosks and 28 days of history in DuckDB; cold and warm; target ≤ 2 s (--stores, --kiosks-per-store, --days, --runs)',
    load: () => import('./restock.ts'),
  },
  'restock-policy': {
    about: 'off / naive / plan restocking on launch-surge and normal-day, 3 seeds, same fleet, couriers and demand, in one run on the virtual clock; target plan stock-out ≤ 25 % of naive with no more trips (--seeds, --scenarios, --packs, --couriers, --capacity, --warmup-days)',
    load: () => import('./restock-policy.ts'),
  },
  dashboard: {
    about: 'the dashboard in Chromium with 1,000 stores: store page first load, a slot change over MQTT to the page (target ≤ 3 s), memory and CPU of 1,000 open live-update streams (--stores, --streams, --loads, --changes, --idle-s)',
    load: () => import('./dashboard.ts'),
  },
  cpuprofile: {
    about: 'summarise a .cpuprofile: top self time by function and by package (FILE... [--top N])',
    load: () => import('./cpu-profile-summary.ts'),
  },
};

function usage(): string {
  const names = Object.entries(BENCHMARKS).map(([n, b]) => `  ${n.padEnd(14)} ${b.about}`);
  return `usage: npm run bench -- NAME [flags]\n\n${names.join('\n')}\n`;
}

async function main(): Promise<number> {
  const [name, ...argv] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const bench = BENCHMARKS[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name}"\n${usage()}`);
    return 2;
  }
  const mod = await bench.load();
  return mod.run(argv);
}

// Only as the entry point: other modules may import BENCHMARKS.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
