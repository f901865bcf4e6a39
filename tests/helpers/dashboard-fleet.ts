// A small, lifelike fleet for the dashboard's browser tests and screenshots, built the way a real
// one is: imported, its kiosks and one pack provisioned and reporting over MQTT (with a day of
// history, sent with past device times), and swaps asked at a kiosk. "High Street" has two
// 12-slot kiosks and a manager; "Other Road" belongs to someone else.
import type { MqttClient } from 'mqtt';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry, v1 } from '../../proto/codec.ts';
import { ADMIN } from './accounts.ts';
import { ScriptedKiosk, type SlotSpec } from './kiosk-client.ts';
import { eventually, type TestSystem } from './system.ts';

const S = v1.SlotState;
const H = 3_600_000;
const CHARGING_MA = 1300;

const pack = (id: string, custody: object) => ({ id, lot: 'LOT-2026-03A', hwRev: 'B2', custody });
const inSlot = (kioskId: string, slot: number) => ({ kind: 'slot', kioskId, slot });

/** Slots now, before the swaps below: [packId, SoC] or a state of an empty slot. */
const LAYOUT: Record<string, ([string, number] | 'EMPTY' | 'FAULT')[]> = {
  'k-main-1': [['p-001', 98], ['p-002', 96], ['p-003', 62], ['p-004', 81], 'EMPTY', ['p-005', 100], ['p-006', 35], 'EMPTY', ['p-007', 93], 'FAULT', ['p-008', 99], 'EMPTY'],
  'k-main-2': [['p-009', 97], ['p-010', 74], 'EMPTY', 'EMPTY', ['p-011', 95], ['p-012', 99], ['p-013', 48], ['p-014', 91], ['p-015', 92], 'EMPTY', ['p-016', 88], ['p-017', 96]],
  'k-other': [['p-other', 96], 'EMPTY', 'EMPTY', 'EMPTY'],
};

export const DASHBOARD_FLEET = {
  stores: [
    { id: 'st-main', name: 'High Street', lat: 51.5154, lon: -0.141, timeZone: 'Europe/London' },
    { id: 'st-other', name: 'Other Road', lat: 51.52, lon: -0.2, timeZone: 'Europe/London' },
  ],
  kiosks: [
    { id: 'k-main-1', storeId: 'st-main', slotCount: 12 },
    { id: 'k-main-2', storeId: 'st-main', slotCount: 12 },
    { id: 'k-other', storeId: 'st-other', slotCount: 4 },
  ],
  customers: [
    { id: 'c-1', token: 'card-c1-0000', plan: 'unlimited', timeZone: 'Europe/London' },
    { id: 'c-2', token: 'card-c2-0000', plan: 'unlimited', timeZone: 'Europe/London' },
  ],
  packs: [
    ...Object.entries(LAYOUT).flatMap(([k, slots]) => slots.flatMap((s, i) => (Array.isArray(s) ? [pack(s[0], inSlot(k, i))] : []))),
    pack('p-cust', { kind: 'customer', customerId: 'c-1' }),
  ],
};

export interface DashboardFleet {
  kiosks: Record<string, ScriptedKiosk>;
  /** The kiosks' MQTT passwords (to connect again, to a restarted server). */
  passwords: Record<string, string>;
  /** Each kiosk's slots as last reported. */
  slots: Record<string, SlotSpec[]>;
  /** Reports `slots` for a kiosk now (and remembers them). */
  report(kioskId: string, slots: SlotSpec[]): Promise<void>;
}

function slotsOf(kioskId: string, socShift = 0): SlotSpec[] {
  return LAYOUT[kioskId]!.map((s, index) => {
    if (s === 'EMPTY') return { index };
    if (s === 'FAULT') return { index, state: S.SLOT_STATE_FAULT, faultCode: 17 };
    const soc = Math.max(5, Math.min(100, s[1] + socShift));
    return { index, packId: s[0], socPct: soc, tempC: 24 + (soc < 90 ? 5 : 0), state: soc >= 90 ? S.SLOT_STATE_READY : S.SLOT_STATE_CHARGING, chargeCurrentMa: soc >= 90 ? 0 : CHARGING_MA };
  });
}

/** Imports the fleet and brings it to life; `history` adds a day of past reports (for the charts). */
export async function seedDashboardFleet(t: TestSystem, opts: { history?: boolean } = {}): Promise<DashboardFleet> {
  const imported = await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: DASHBOARD_FLEET });
  if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body}`);
  const kiosks: Record<string, ScriptedKiosk> = {};
  const passwords: Record<string, string> = {};
  for (const k of DASHBOARD_FLEET.kiosks) {
    const { password } = await t.provision('kiosk', k.id);
    passwords[k.id] = password;
    kiosks[k.id] = await ScriptedKiosk.attach(k.id, await t.connect(k.id, password));
  }
  const slots: Record<string, SlotSpec[]> = {};
  const report = async (kioskId: string, s: SlotSpec[], atMs?: number) => {
    await kiosks[kioskId]!.status(s, atMs === undefined ? {} : { atMs });
    if (atMs === undefined) slots[kioskId] = s;
  };
  const now = Date.now();
  if (opts.history) {
    // A day in half hours: the morning rush drains the kiosks, the afternoon refills them.
    for (let i = 48; i >= 1; i--) {
      const atMs = now - i * 0.5 * H;
      const hour = new Date(atMs).getUTCHours() + new Date(atMs).getUTCMinutes() / 60;
      const shift = Math.round(-25 * Math.exp(-((hour - 9) ** 2) / 6) - 18 * Math.exp(-((hour - 18) ** 2) / 4));
      for (const k of ['k-main-1', 'k-main-2']) await report(k, slotsOf(k, shift), atMs);
    }
    const c = await t.provision('pack', 'p-cust');
    await packHistory(await t.connect('p-cust', c.password), now);
  }
  for (const k of Object.keys(LAYOUT)) await report(k, slotsOf(k));
  await eventually(() => Object.keys(LAYOUT).every((k) => t.sys.live.kiosk(k)?.reading.slots.length === LAYOUT[k]!.length), 10_000, 'kiosks reported');

  // c-1 brings back p-cust at k-main-1 (slot 5 was empty) and gets the fullest pack (p-005, slot 6).
  const k1 = kiosks['k-main-1']!;
  await k1.inserted(4, 'p-cust', 'rq-return-1');
  await eventually(() => t.sys.fleet.pack('p-cust')?.custody.kind === 'slot', 5000, 'returned pack in its slot');
  const d = await k1.ask('rq-return-1', 'card-c1-0000', { packId: 'p-cust', slot: 4 });
  if (!d.allowed) throw new Error(`swap denied: ${d.reasons.join(',')}`);
  await k1.released(d.slot, d.packId, d.commandId);
  await eventually(() => t.sys.fleet.pack(d.packId)?.custody.kind === 'customer', 5000, 'released pack with the customer');
  // c-1 asks again without handing a pack back: they hold one already, the plan allows one. (Unknown
  // cards are answered but kept out of the ledger, so they never show on the swaps page.)
  const denied = await k1.ask('rq-denied-1', 'card-c1-0000');
  if (denied.allowed) throw new Error('a second pack was allowed');
  const after = slotsOf('k-main-1').map((s) => (s.index === 4 ? { index: 4, packId: 'p-cust', socPct: 14, tempC: 27, state: S.SLOT_STATE_CHARGING, chargeCurrentMa: CHARGING_MA } : s.index === d.slot ? { index: d.slot } : s));
  await report('k-main-1', after);
  await eventually(() => t.sys.live.kiosk('k-main-1')?.reading.slots[4]?.packId === 'p-cust', 5000, 'the kiosk reported the swap');
  return { kiosks, passwords, slots, report: (k, s) => report(k, s) };
}

/** A day of p-cust's own telemetry: discharging in its customer's hands, warm in the afternoon. */
async function packHistory(client: MqttClient, now: number): Promise<void> {
  const boot = 7;
  for (let i = 96; i >= 0; i--) {
    const atMs = now - i * 0.25 * H;
    const socPct = 14 + (i / 96) * 70;
    const tempC = 22 + 6 * Math.sin(((96 - i) / 96) * Math.PI);
    const payload = encodePackTelemetry({ header: { bootId: boot, seq: 1000 - i, sentAtMs: atMs, firmware: 'pk-2.1' }, socPct, voltageMv: 3600 + Math.round(socPct * 6), currentMa: -600, tempC, cycles: 137, sohPct: 93, state: v1.PackState.PACK_STATE_DISCHARGING });
    await client.publishAsync(topics.packTelemetry('p-cust'), Buffer.from(payload), { qos: 1 });
  }
}
