// `npm run bench -- nudge-rule`: the CPU one committed pack reading costs the nudge stream rule.
// 100k customers, each carrying a pack, registered in the real fleet registry (DuckDB in a temp
// dir); their readings run through the CommittedFeed in ingest-sized batches, exactly as the
// pipeline hands them over after the PUBACK. The figure is the CPU of the synchronous publish
// calls per reading (target ≤ 20 µs); the queued writes of the nudges decided are timed apart.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { DEFAULT_ELIGIBILITY_POLICY } from '../domain/eligibility.ts';
import type { KioskReading, PackReading } from '../domain/readings.ts';
import { CommittedFeed } from '../ingest/committed-feed.ts';
import { LiveState } from '../ingest/live-state.ts';
import { nudgeRule } from '../ingest/nudge-rule.ts';
import { NudgeService } from '../services/nudge-service.ts';
import { SwapService } from '../services/swap-service.ts';
import { openDuckDb } from '../store/duckdb/database.ts';
import { DuckFleetRegistry } from '../store/duckdb/fleet-registry.ts';
import { DuckNudgeLedger } from '../store/duckdb/nudge-ledger.ts';
import { PackState, SlotState } from '../proto/codec.ts';

/** DESIGN.md: nudge rule per pack reading, CPU. */
export const NUDGE_RULE_TARGET_US = 20;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { customers: { type: 'string', default: '100000' }, readings: { type: 'string', default: '12' }, batch: { type: 'string', default: '2000' }, stores: { type: 'string', default: '1000' } } });
  const customers = Number(values.customers);
  const perCustomer = Number(values.readings);
  const batchSize = Number(values.batch);
  const storeCount = Number(values.stores);
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-nudge-rule-'));
  const logger = pino({ level: 'silent' });
  const t0 = Date.parse('2026-01-14T07:00:00Z');
  let now = t0;
  const clock = { now: () => now };
  const db = await openDuckDb(join(dir, 'bench.duckdb'));
  try {
    console.log(`nudge-rule: ${customers.toLocaleString('en-GB')} customers each carrying a pack, ${perCustomer} readings each 5 min apart, batches of ${batchSize}, ${storeCount} stores`);
    console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (a busy machine inflates wall time, much less the CPU per reading)`);
    const fleet = new DuckFleetRegistry(db, { nowMs: clock.now });
    await fleet.open();
    const ledger = new DuckNudgeLedger(db);
    await ledger.open();
    // A city of stores 10 km across, one kiosk each with six ready packs; customers spread the same.
    const lat = (i: number, n: number) => 51.46 + ((i * 7919) % n) / n * 0.09;
    const lon = (i: number, n: number) => -0.2 + ((i * 104_729) % n) / n * 0.14;
    const tImport = performance.now();
    const doc = {
      stores: Array.from({ length: storeCount }, (_, s) => ({ id: `st-${s}`, name: `Store ${s}`, lat: lat(s, storeCount), lon: lon(s, storeCount), timeZone: 'Europe/London' })),
      kiosks: Array.from({ length: storeCount }, (_, s) => ({ id: `k-${s}`, storeId: `st-${s}`, slotCount: 12 })),
      customers: Array.from({ length: customers }, (_, c) => ({ id: `c-${c}`, token: `tok-${c}`, plan: 'unlimited', timeZone: 'Europe/London', nudgePrefs: { consent: c % 5 !== 0, channel: 'mqtt', quietHours: { startHour: 22, endHour: 7 } } })),
      packs: [
        ...Array.from({ length: customers }, (_, c) => ({ id: `p-${c}`, lot: 'L', hwRev: 'B', custody: { kind: 'customer', customerId: `c-${c}` } })),
        ...Array.from({ length: storeCount * 6 }, (_, i) => ({ id: `kp-${i}`, lot: 'L', hwRev: 'B', custody: { kind: 'slot', kioskId: `k-${Math.floor(i / 6)}`, slot: i % 6 } })),
      ],
    };
    await fleet.importFleet(doc, now);
    console.log(`registry: ${customers.toLocaleString('en-GB')} customers, ${(customers + storeCount * 6).toLocaleString('en-GB')} packs imported in ${((performance.now() - tImport) / 1000).toFixed(1)} s`);
    const live = new LiveState(120_000);
    for (let s = 0; s < storeCount; s++) {
      const k: KioskReading = { kioskId: `k-${s}`, bootId: 1, seq: 1, atMs: now, receivedAtMs: now, clockSuspect: false, firmware: 'b', mainsPower: true, door: 1, signalDbm: -70, slots: Array.from({ length: 6 }, (_, i) => ({ index: i, state: SlotState.SLOT_STATE_READY, packId: `kp-${s * 6 + i}`, socPct: 98, tempC: 25, chargeCurrentMa: 0, faultCode: 0 })) };
      live.applyKiosk(k);
      live.setConnected(`k-${s}`, 'kiosk', true, now);
    }
    const swaps = new SwapService({ registry: fleet, live, clock, policy: DEFAULT_ELIGIBILITY_POLICY, releaseTtlMs: 60_000, publish: async () => {}, logger });
    let published = 0;
    const nudges = new NudgeService({
      fleet, swaps, ledger, clock, logger,
      senders: { mqtt: { channel: 'mqtt', send: async () => ((published++), { ok: true as const }) } },
      config: { policy: 'personal', maxPer24h: 2, holdoutPct: 10, holdMin: 45, conversionH: 3, episodeResetPct: 80, maxDistanceM: 3000, webhookMaxAttempts: 8 },
      links: { baseUrl: 'http://127.0.0.1:8080', key: 'bench-link-key-0123456789abcdef' },
    });
    const feed = new CommittedFeed(logger);
    feed.subscribe('nudges', nudgeRule(nudges));
    // Readings like the simulator's (firmware-sim/README.md): a pack a phone is plugged into drops
    // about 8 % every 5 minutes at about 3 A; most packs rest between sessions. One customer in five
    // is in a session during the window; starting charges are spread from 5 to 100 %.
    const heap0 = process.memoryUsage().heapUsed;
    let ruleCpuUs = 0;
    let writesCpuUs = 0;
    let readings = 0;
    const batch: PackReading[] = [];
    const flush = async () => {
      // The rule alone: nothing else runs while it does (the previous batch's writes have settled),
      // so the process CPU around the synchronous call is the rule's.
      const c0 = process.cpuUsage();
      feed.publish({ packs: batch, kiosks: [], events: [] });
      const c = process.cpuUsage(c0);
      ruleCpuUs += c.user + c.system;
      readings += batch.length;
      batch.length = 0;
      const w0 = process.cpuUsage();
      await nudges.settle();
      const w = process.cpuUsage(w0);
      writesCpuUs += w.user + w.system;
    };
    const tRun = performance.now();
    for (let r = 0; r < perCustomer; r++) {
      now = t0 + r * 300_000;
      for (let c = 0; c < customers; c++) {
        const start = 5 + ((c * 7919) % 96);
        const inSession = c % 5 === 0;
        const soc = Math.max(0, inSession ? start - 8 * r : start);
        batch.push({ packId: `p-${c}`, bootId: 1, seq: r + 1, atMs: now, receivedAtMs: now, clockSuspect: false, firmware: 'b', socPct: soc, voltageMv: 3700, currentMa: inSession && soc > 0 ? -3000 : 0, tempC: 28, cycles: 40, sohPct: 95, state: inSession ? PackState.PACK_STATE_DISCHARGING : PackState.PACK_STATE_IDLE, faultFlags: 0, latE7: Math.round(lat(c, customers) * 1e7), lonE7: Math.round(lon(c, customers) * 1e7), accuracyM: 100 });
        if (batch.length === batchSize) await flush();
      }
      if (batch.length > 0) await flush();
    }
    const runS = (performance.now() - tRun) / 1000;
    const heapPerCustomer = (process.memoryUsage().heapUsed - heap0) / customers;
    await nudges.outbox.drain();
    const perReading = ruleCpuUs / readings;
    const e = nudges.engine.counters;
    const decisions = nudges.counters.decisions;
    console.log(`readings through the rule: ${readings.toLocaleString('en-GB')} in ${runS.toFixed(1)} s wall (rule and queued writes together)`);
    console.log(`rule CPU per reading: ${perReading.toFixed(2)} µs   target: <= ${NUDGE_RULE_TARGET_US} µs   ${perReading <= NUDGE_RULE_TARGET_US ? 'MET' : 'MISSED'}   (${(ruleCpuUs / 1e6).toFixed(2)} s CPU in the synchronous rule)`);
    console.log(`decided: ${e.due.toLocaleString('en-GB')} due (${((e.due / readings) * 100).toFixed(1)} % of readings), ${e.sent.toLocaleString('en-GB')} sent (${nudges.counters.holds.toLocaleString('en-GB')} with a hold), ${e.suppressed.toLocaleString('en-GB')} suppressions logged, ${published.toLocaleString('en-GB')} delivered`);
    console.log(`queued work (holds in the kiosk's order, ledger and outbox in DuckDB, delivery), off the rule: ${(writesCpuUs / 1e6).toFixed(2)} s CPU, ${decisions > 0 ? (writesCpuUs / decisions / 1000).toFixed(2) : '-'} ms per decision`);
    console.log(`engine memory: about ${(heapPerCustomer / 1024).toFixed(2)} KiB of heap per customer with a model (heap growth over the run ÷ customers)`);
    await nudges.stop();
    await ledger.close();
    await fleet.close();
    return 0;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
