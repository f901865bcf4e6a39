import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../app/config.ts';
import { startSystem } from '../app/system.ts';
import { TelemetryFrames } from './telemetry-frames.ts';
const dir = mkdtempSync(join(tmpdir(), 'x-'));
const config = loadConfig({}, { dataDir: dir, mqttPort: 0, httpPort: 0, adminToken: 'bench-admin-token-0123456789', logLevel: 'warn' });
const sys = await startSystem({ config, logger: pino({ level: 'warn' }) });
const DEV = 10000, RATE = Number(process.argv[2] ?? 5000), SECS = 15;
const frames = Array.from({ length: DEV }, (_, i) => new TelemetryFrames(`pack-b${String(i).padStart(6, '0')}`, 1 + i, i));
const seqs = new Array(DEV).fill(0);
let sent = 0, acked = 0; const lat: number[] = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await new Promise<void>((resolve) => {
  const tick = () => {
    const now = performance.now();
    if (now - t0 > SECS * 1000) return resolve();
    const due = Math.floor((now - t0) * RATE / 1000) - sent;
    for (let k = 0; k < due; k++) {
      const i = sent % DEV; sent++;
      const f = frames[i]!.frame(++seqs[i], Date.now(), 1);
      // payload = after topic + pid: find by re-encoding offsets: topic length at bytes 2..3 (remaining length 1 or 2 bytes)
      const rlBytes = f[1]! & 0x80 ? 2 : 1;
      const tl = (f[1 + rlBytes]! << 8) | f[2 + rlBytes]!;
      const payload = f.subarray(1 + rlBytes + 2 + tl + 2);
      const t = performance.now();
      sys.pipeline.handle({ deviceId: frames[i]!.packId, deviceKind: 'pack', topic: `fleet/v1/packs/${frames[i]!.packId}/telemetry`, payload, qos: 1, dup: false }, (err) => { if (!err) { acked++; lat.push(performance.now() - t); } });
    }
    setTimeout(tick, 2);
  };
  tick();
});
await new Promise((r) => setTimeout(r, 2000));
lat.sort((a, b) => a - b);
const cpu = process.cpuUsage(cpu0);
console.log('cpu us per acked reading', ((cpu.user + cpu.system) / acked).toFixed(1));
console.log({ sent, acked, p50: lat[Math.floor(lat.length / 2)], p99: lat[Math.floor(lat.length * 0.99)], stats: sys.pipeline.stats() });
await sys.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
