// Shared by the simulated-fleet e2e suites: runs a small fleet through a simulated day against the
// whole system in-process on one shared VirtualClock, then compares what the simulator saw with
// what the server stored: readings, the swap ledger, custody, the quarantine.
import { ADMIN_TOKEN, startTestSystem, type TestSystem } from '../helpers/system.ts';
import { MqttFleet, type MqttFleetOptions } from '../../firmware-sim/mqtt-fleet.ts';
import type { ScenarioName } from '../../firmware-sim/scenarios.ts';
import { VirtualClock } from '../../firmware-sim/virtual-clock.ts';

export interface FleetDay {
  t: TestSystem;
  fleet: MqttFleet;
  clock: VirtualClock;
  /** A range that holds every reading of the run, device clocks skewed or not. */
  fromMs: number;
  toMs: number;
  drained: boolean;
  stop(): Promise<void>;
}

/** By default 2 stores, 4 kiosks, 60 packs, 40 customers through one simulated day, as fast as the server keeps up. */
export async function runFleetDay(scenario: ScenarioName, opts: { skewedDeviceIds?: string[]; fleet?: Partial<Pick<MqttFleetOptions, 'packs' | 'customers' | 'stores' | 'nudges' | 'geo' | 'seed'>> } = {}): Promise<FleetDay> {
  const clock = new VirtualClock();
  // Simulated time runs hundreds of times faster than wall time, so are the kiosks' 30 s reports:
  // the per-connection publish limit is raised with it.
  // The simulated fleet runs in this process at full speed: the overload guard would take its work
  // for ingest load and refuse packs, so it is off here (it has tests of its own).
  const t = await startTestSystem({ clock, config: { publishRatePerSec: 5000, publishBurst: 10_000, kioskLedgerRatePerSec: 5000, kioskLedgerBurst: 10_000, ingestMaxLoopLagMs: 0, ...(opts.fleet?.nudges ? { nudgePolicy: opts.fleet.nudges } : {}) } });
  let fleet: MqttFleet | undefined;
  try {
    fleet = await MqttFleet.create({
      seed: `e2e-${scenario}`,
      packs: 60,
      customers: 40,
      stores: 2,
      ...opts.fleet,
      kiosksPerStore: 2,
      scenario,
      brokerUrl: t.sys.mqttUrl,
      api: { baseUrl: t.sys.httpUrl, token: ADMIN_TOKEN },
      clock,
      idPrefix: 'e2e-',
      keepLedger: true,
      trackAcks: true,
      ...(opts.skewedDeviceIds ? { skewedDeviceIds: opts.skewedDeviceIds } : {}),
      links: { publishRatePerSec: 2000, publishBurst: 4000 },
      stormSpreadMs: 500,
    });
    // A busy machine may stall the server for seconds: simulated time waits for it rather than let a
    // release reach the server after its command expired.
    // Nudges wait in the server's outbox for wall time: simulated time waits for them too, or a
    // nudge's hold would lapse in simulated minutes before its delivery got a turn.
    await fleet.run({ speed: Infinity, gateMaxWallMs: 20_000, serverIdle: async () => { await t.sys.nudges.settle(); await t.sys.nudges.outbox.drain(); } });
    const drained = await fleet.drain(30_000);
    fleet.halt();
    await t.sys.pipeline.flush();
    // Let unexecuted release commands lapse, as the server's sweep would find them a minute later.
    clock.advance(2 * 60_000);
    await t.sys.custody.sweep();
    const f = fleet;
    return {
      t,
      fleet: f,
      clock,
      fromMs: f.startMs - 86_400_000,
      toMs: clock.now() + 86_400_000,
      drained,
      async stop() {
        f.close();
        await t.stop();
      },
    };
  } catch (err) {
    fleet?.close();
    await t.stop();
    throw err;
  }
}

const key = (id: string, r: { bootId: number; seq: number }): string => `${id}|${r.bootId}|${r.seq}`;

/** For each kind of reading: acknowledged by the broker but not stored, stored more than once, stored but never sent. */
export async function compareStore(d: FleetDay): Promise<Record<'telemetry' | 'status' | 'event', { acked: number; missing: string[]; duplicated: string[]; unknown: string[] }>> {
  const { t, fleet } = d;
  const q = { fromMs: d.fromMs, toMs: d.toMs, limit: 1_000_000 };
  const out = {} as Record<'telemetry' | 'status' | 'event', { acked: number; missing: string[]; duplicated: string[]; unknown: string[] }>;
  const check = (kind: 'telemetry' | 'status' | 'event', stored: string[]): void => {
    const acked = fleet.acks.acked[kind];
    const seen = new Map<string, number>();
    for (const k of stored) seen.set(k, (seen.get(k) ?? 0) + 1);
    out[kind] = {
      acked: acked.size,
      missing: [...acked].filter((k) => !seen.has(k)),
      duplicated: [...seen].filter(([, n]) => n > 1).map(([k]) => k),
      unknown: [...seen.keys()].filter((k) => !acked.has(k)),
    };
  };
  const packRows = await Promise.all(fleet.built.packs.ids.map(async (id) => (await t.sys.store.packReadings(id, q)).map((r) => key(id, r))));
  check('telemetry', packRows.flat());
  const statusRows = await Promise.all(fleet.devices.kioskIds.map(async (id) => (await t.sys.store.kioskReadings(id, q)).map((r) => key(id, r))));
  check('status', statusRows.flat());
  const eventRows = await Promise.all(fleet.devices.kioskIds.map(async (id) => (await t.sys.store.kioskEvents(id, q)).map((r) => key(id, r))));
  check('event', eventRows.flat());
  return out;
}

interface LedgerSwap {
  kioskId: string;
  requestId: string;
  customerId: string | null;
  allowed: boolean;
  reasons: string[];
  packId: string | null;
  commandId: string | null;
  outcome: string;
}

/** Swaps where the server's ledger and what the kiosk did disagree, and the ledger's size. */
export async function compareLedger(d: FleetDay): Promise<{ simulated: number; ledger: number; disagreements: string[] }> {
  const res = await fetch(`${d.t.sys.httpUrl}/v1/swaps?limit=10000&from=${d.fromMs}&to=${d.toMs}`, { headers: d.t.admin });
  const swaps = ((await res.json()) as { swaps: LedgerSwap[] }).swaps;
  const byKey = new Map(swaps.map((s) => [`${s.kioskId}|${s.requestId}`, s]));
  const disagreements: string[] = [];
  for (const r of d.fleet.sessions.ledger) {
    const s = byKey.get(`${r.kioskId}|${r.requestId}`);
    // A command the kiosk never ran (it expired, or never came) is expired in the ledger.
    const want = r.outcome === 'no_command' || r.outcome === 'expired' ? 'expired' : r.outcome;
    const problem =
      !s ? 'not in the ledger'
      : s.allowed !== r.allowed ? `allowed ${s.allowed}, kiosk saw ${r.allowed}`
      : JSON.stringify(s.reasons) !== JSON.stringify(r.reasons) ? `reasons ${s.reasons.join(',')}, kiosk saw ${r.reasons.join(',')}`
      : s.outcome !== want ? `outcome ${s.outcome}, kiosk did ${r.outcome}`
      : s.customerId !== r.customerId ? `customer ${s.customerId}, kiosk served ${r.customerId}`
      : r.outcome === 'released' && (s.packId !== r.packId || s.commandId !== r.commandId) ? `released ${s.packId}/${s.commandId}, kiosk released ${r.packId}/${r.commandId}`
      : null;
    if (problem) disagreements.push(`${r.kioskId} ${r.requestId}: ${problem}`);
  }
  return { simulated: d.fleet.sessions.ledger.length, ledger: swaps.length, disagreements };
}

/** Packs whose registry custody differs from where the simulated pack is, and slots claimed twice. */
export function compareCustody(d: FleetDay): { packs: number; differences: string[]; slotsClaimedTwice: string[] } {
  const { fleet, t } = d;
  const b = fleet.built.packs;
  const differences: string[] = [];
  const claims = new Map<string, number>();
  for (let i = 0; i < b.size; i++) {
    const id = b.ids[i]!;
    const custody = t.sys.fleet.pack(id)?.custody;
    const k = b.kiosk[i]!;
    const h = b.holder[i]!;
    const truth = k >= 0 ? `slot ${fleet.devices.kioskIds[k]}/${b.slot[i]}` : h >= 0 ? `customer ${fleet.built.customers.ids[h]}` : 'warehouse';
    const reg = !custody ? 'none' : custody.kind === 'slot' ? `slot ${custody.kioskId}/${custody.slot}` : custody.kind === 'customer' ? `customer ${custody.customerId}` : custody.kind;
    if (custody?.kind === 'slot') claims.set(reg, (claims.get(reg) ?? 0) + 1);
    if (reg !== truth) differences.push(`${id}: registry ${reg}, simulator ${truth}`);
  }
  return { packs: b.size, differences, slotsClaimedTwice: [...claims].filter(([, n]) => n > 1).map(([s]) => s) };
}
