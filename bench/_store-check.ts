import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckTelemetryStore } from '../store/duckdb/index.ts';
import type { PackReading } from '../domain/readings.ts';
const dir = mkdtempSync(join(tmpdir(), 'x-'));
const store = new DuckTelemetryStore(join(dir, 'db.duckdb'));
await store.open();
const DEV = Number(process.argv[2] ?? 2000), BATCH = Number(process.argv[3] ?? 1000), N = Number(process.argv[4] ?? 30);
const boots = Array.from({ length: DEV }, (_, i) => 1 + ((i * 2654435761) % 4000000000));
const seqs = new Array(DEV).fill(0);
let d = 0;
const times: number[] = [];
const cpu0 = process.cpuUsage(); const w0 = performance.now();
for (let b = 0; b < N; b++) {
  const packs: PackReading[] = [];
  for (let k = 0; k < BATCH; k++) {
    const i = d; d = (d + 1) % DEV;
    const now = Date.now();
    packs.push({ packId: `pack-b${String(i).padStart(6, '0')}`, bootId: boots[i]!, seq: ++seqs[i], atMs: now, receivedAtMs: now, clockSuspect: false, firmware: 'pack-fw 2.4.1', socPct: 50.5, voltageMv: 3700, currentMa: -500, tempC: 25.25, cycles: 100, sohPct: 95, state: 2, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null });
  }
  const t = performance.now();
  await store.writeBatch({ packs, kiosks: [], events: [] });
  times.push(performance.now() - t);
}
const cpu = process.cpuUsage(cpu0); console.log('cpu us/row', ((cpu.user+cpu.system)/(N*BATCH)).toFixed(1), 'wall us/row', ((performance.now()-w0)*1000/(N*BATCH)).toFixed(1));
console.log(DEV, BATCH, times.map((t) => t.toFixed(0)).join(' '));
await store.close();
rmSync(dir, { recursive: true, force: true });
