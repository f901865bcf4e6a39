// `npm run bench -- crash-soak`: kill -9 the real server (a child process) again and again under
// mixed load (pack readings, kiosk statuses, swaps, a reconnect storm), and after each restart
// check the promises: every acknowledged reading is stored exactly once, no swap request got two
// release commands and no command was executed twice, and custody agrees with what the kiosks hold.
// Loopback only; every loop is bounded in count and time.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topics } from '../domain/topics.ts';
import { decodeKioskCommand, decodeSwapDecision, encodeKioskEvent, encodeKioskStatus, encodePackTelemetry, encodeSwapRequest, v1 } from '../proto/codec.ts';
import { startServerProcess, type ServerProcess } from '../tests/helpers/server-process.ts';
import { cpuMs, machineBusyMs, onExit, selfCpuMs, track } from './child-processes.ts';
import { OutboxDevice } from './outbox-device.ts';

const TOKEN = `cfsoak_${randomBytes(12).toString('hex')}`;

interface Options {
  cycles: number;
  packs: number;
  kiosks: number;
  slots: number;
  customers: number;
  /** Load before the kill is drawn from [minLoadMs, maxLoadMs]. */
  minLoadMs: number;
  maxLoadMs: number;
}

function parse(argv: string[]): Options {
  const o: Options = { cycles: 20, packs: 20, kiosks: 4, slots: 8, customers: 24, minLoadMs: 1500, maxLoadMs: 4000 };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], Number(argv[i + 1])];
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${k} needs a positive number`);
    if (k === '--cycles') o.cycles = Math.min(200, v);
    else if (k === '--packs') o.packs = Math.min(500, v);
    else if (k === '--kiosks') o.kiosks = Math.min(50, v);
    else if (k === '--max-load-ms') o.maxLoadMs = Math.min(60_000, v);
    else throw new Error(`unknown flag ${k} (--cycles, --packs, --kiosks, --max-load-ms)`);
  }
  return o;
}

/** A kiosk as firmware: the slots it really holds, releases executed once per command id. */
class SoakKiosk {
  readonly dev: OutboxDevice;
  readonly slots: (string | null)[];
  readonly executed = new Set<string>();
  /** Release commands received per swap request: must never be more than one. */
  readonly commandsPerRequest = new Map<string, Set<string>>();
  readonly pending = new Map<string, string>(); // requestId -> customerId
  readonly decided = new Map<string, boolean>();
  private seq = 0;
  private readonly bootId = Math.floor(Math.random() * 2 ** 31);
  releasesTwice = 0;

  constructor(readonly id: string, password: string, slotCount: number, private readonly world: World) {
    this.dev = new OutboxDevice(id, password, [topics.kioskCommands(id), topics.swapDecisions(id)]);
    this.slots = Array.from({ length: slotCount }, () => null);
    this.dev.onMessage = (topic, payload) => (topic.endsWith('/commands') ? this.onCommand(payload) : this.onDecision(payload));
  }

  private header() {
    return { bootId: this.bootId, seq: ++this.seq, sentAtMs: Date.now(), firmware: 'soak' };
  }

  status(): Promise<boolean> {
    const slots = this.slots.map((packId, index) => (packId ? { index, packId, socPct: 100, tempC: 25, state: v1.SlotState.SLOT_STATE_READY } : { index, state: v1.SlotState.SLOT_STATE_EMPTY }));
    return this.dev.send(topics.kioskStatus(this.id), encodeKioskStatus({ header: this.header(), mainsPower: true, door: v1.DoorState.DOOR_STATE_CLOSED, signalDbm: -60, slots }));
  }

  /** A customer walks up: hands in their pack (if any), asks for a charged one. */
  swap(customerId: string): void {
    const requestId = randomUUID();
    const returned = this.world.customerPack.get(customerId) ?? null;
    const slot = this.slots.indexOf(null);
    if (returned && slot < 0) return;
    if (returned) {
      this.slots[slot] = returned;
      this.world.customerPack.delete(customerId);
      void this.dev.send(topics.kioskEvents(this.id), encodeKioskEvent({ header: this.header(), packInserted: { slot, packId: returned, requestId } }));
    }
    this.pending.set(requestId, customerId);
    void this.dev.send(topics.swapRequests(this.id), encodeSwapRequest({ header: this.header(), requestId, customerToken: `tok-${customerId}`, returnedPackId: returned ?? '', ...(returned ? { returnedSlot: slot } : {}) }));
  }

  private onDecision(payload: Buffer): void {
    const d = decodeSwapDecision(payload);
    this.decided.set(d.requestId, d.allowed);
  }

  private onCommand(payload: Buffer): void {
    const c = decodeKioskCommand(payload);
    if (!c.release) return;
    const requestId = c.release.requestId ?? '';
    const ids = this.commandsPerRequest.get(requestId) ?? new Set<string>();
    ids.add(c.commandId);
    this.commandsPerRequest.set(requestId, ids);
    // Firmware executes a command id once, and ignores one past its expiry.
    if (this.executed.has(c.commandId)) return;
    if (Number(c.expiresAtMs) < Date.now()) return;
    const slot = c.release.slot ?? 0;
    const packId = c.release.packId ?? '';
    const customerId = this.pending.get(requestId);
    if (this.slots[slot] !== packId || !customerId || this.world.customerPack.has(customerId)) return;
    this.executed.add(c.commandId);
    this.slots[slot] = null;
    this.world.customerPack.set(customerId, packId);
    this.pending.delete(requestId);
    void this.dev.send(topics.kioskEvents(this.id), encodeKioskEvent({ header: this.header(), packReleased: { slot, packId, commandId: c.commandId } }));
  }

  requestsWithTwoCommands(): number {
    return [...this.commandsPerRequest.values()].filter((s) => s.size > 1).length;
  }
}

interface World {
  customerPack: Map<string, string>;
}

class SoakPack {
  readonly dev: OutboxDevice;
  seq = 0;
  readonly bootId = 7;
  constructor(readonly id: string, password: string) {
    this.dev = new OutboxDevice(id, password);
  }
  reading(): void {
    const seq = ++this.seq;
    void this.dev.send(topics.packTelemetry(this.id), encodePackTelemetry({ header: { bootId: this.bootId, seq, sentAtMs: Date.now(), firmware: 'soak' }, socPct: 50 + (seq % 50), voltageMv: 3800, currentMa: -500, tempC: 25, cycles: 10, sohPct: 95, state: v1.PackState.PACK_STATE_DISCHARGING }), seq);
  }
}

async function api(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: await res.json() };
}

const stage = (what: string) => {
  if (process.env.CF_BENCH_DEBUG) process.stdout.write(`    [${new Date().toISOString().slice(11, 23)}] ${what}\n`);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(50);
  }
  return false;
}

interface Row {
  cycle: number;
  loadMs: number;
  restartMs: number;
  ackedTotal: number;
  lost: number;
  stored2x: number;
  swapsReleased: number;
  twoCommands: number;
  custodyOff: number;
  disputes: number;
  othersPct: number;
}

export async function run(argv: string[]): Promise<number> {
  const o = parse(argv);
  const dir = mkdtempSync(join(tmpdir(), 'cf-soak-'));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  const env = { CF_DATA_DIR: dir, CF_ADMIN_TOKEN: TOKEN, CF_MQTT_HOST: '127.0.0.1', CF_HTTP_HOST: '127.0.0.1', CF_FAIR_USE_PER_24H: '1000', CF_PUBLISH_RATE: '2000', CF_PUBLISH_BURST: '4000', CF_KIOSK_LEDGER_RATE: '2000', CF_KIOSK_LEDGER_BURST: '4000', CF_LOG_LEVEL: 'error' };
  const start = async (): Promise<ServerProcess> => {
    const s = await startServerProcess(env, 60_000);
    track(s.child, 'server');
    return s;
  };
  let srv = await start();

  // The fleet: kiosks with packs in half their slots, customers each holding a pack.
  const kioskIds = Array.from({ length: o.kiosks }, (_, i) => `soak-k${i}`);
  const fleetPacks: { id: string; lot: string; hwRev: string; custody: object }[] = [];
  const world: World = { customerPack: new Map() };
  const customers = Array.from({ length: o.customers }, (_, i) => `soak-c${i}`);
  kioskIds.forEach((k, ki) => {
    for (let s = 0; s < o.slots / 2; s++) fleetPacks.push({ id: `soak-p${ki}-${s}`, lot: 'L1', hwRev: 'A', custody: { kind: 'slot', kioskId: k, slot: s } });
  });
  customers.forEach((c) => {
    fleetPacks.push({ id: `soak-r-${c}`, lot: 'L1', hwRev: 'A', custody: { kind: 'customer', customerId: c } });
    world.customerPack.set(c, `soak-r-${c}`);
  });
  const imp = await api(srv.httpUrl, 'POST', '/v1/registry/import', {
    stores: [{ id: 'soak-store', name: 'Soak', lat: 51.5, lon: -0.1, timeZone: 'Europe/London' }],
    kiosks: kioskIds.map((id) => ({ id, storeId: 'soak-store', slotCount: o.slots })),
    customers: customers.map((id) => ({ id, token: `tok-${id}`, status: 'active', plan: 'unlimited', planActive: true, timeZone: 'Europe/London' })),
    packs: fleetPacks,
  });
  if (imp.status !== 200) throw new Error(`import failed: ${JSON.stringify(imp.json)}`);
  const provision = async (kind: 'pack' | 'kiosk', id: string) => (await api(srv.httpUrl, 'POST', '/v1/devices', { kind, id })).json.password as string;
  const kiosks: SoakKiosk[] = [];
  for (const id of kioskIds) {
    const k = new SoakKiosk(id, await provision('kiosk', id), o.slots, world);
    for (const p of fleetPacks) if ((p.custody as { kioskId?: string }).kioskId === id) k.slots[(p.custody as { slot: number }).slot] = p.id;
    kiosks.push(k);
  }
  const packs: SoakPack[] = [];
  for (let i = 0; i < o.packs; i++) packs.push(new SoakPack(`soak-tp${i}`, await provision('pack', `soak-tp${i}`)));

  const rows: Row[] = [];
  // A promise that never settles must fail the run, not end it quietly with an empty event loop.
  let cycleStartedMs = Date.now();
  const watchdog = setInterval(() => {
    if (Date.now() - cycleStartedMs > 180_000) {
      process.stderr.write('crash-soak: a cycle took more than 180 s; giving up\n');
      process.exit(1);
    }
  }, 1000);
  process.stdout.write(`crash-soak: ${o.cycles} kill -9 cycles; ${o.packs} packs, ${o.kiosks} kiosks × ${o.slots} slots, ${o.customers} customers; data in ${dir}\n`);
  for (let cycle = 1; cycle <= o.cycles; cycle++) {
    cycleStartedMs = Date.now();
    const busy0 = machineBusyMs();
    const self0 = selfCpuMs();
    const srvCpu0 = cpuMs(srv.child.pid!);
    const t0 = performance.now();
    stage('connecting');
    for (const d of [...kiosks.map((k) => k.dev), ...packs.map((p) => p.dev)]) await d.connect(srv.mqttUrl);
    stage('load');
    const loadMs = o.minLoadMs + Math.random() * (o.maxLoadMs - o.minLoadMs);
    const stopAt = Date.now() + loadMs;
    const loops: Promise<void>[] = [];
    // Readings: every pack, every 20 ms (about 1,000 readings/s over 20 packs).
    loops.push((async () => { while (Date.now() < stopAt) { for (const p of packs) p.reading(); await sleep(20); } })());
    // Statuses: every kiosk, every 250 ms, what it really holds.
    loops.push((async () => { while (Date.now() < stopAt) { for (const k of kiosks) void k.status(); await sleep(250); } })());
    // Swaps: one customer after another at a random kiosk, one walk-up per 100 ms.
    loops.push((async () => {
      while (Date.now() < stopAt) {
        const c = customers[Math.floor(Math.random() * customers.length)]!;
        const busy = kiosks.some((k) => [...k.pending.values()].includes(c));
        if (!busy) kiosks[Math.floor(Math.random() * kiosks.length)]!.swap(c);
        await sleep(100);
      }
    })());
    // Reconnect storm: every 300 ms a quarter of the packs drop their link and reconnect at once.
    loops.push((async () => {
      while (Date.now() < stopAt) {
        await sleep(300);
        await Promise.all(packs.filter(() => Math.random() < 0.25).map((p) => p.dev.connect(srv.mqttUrl)));
      }
    })());
    await sleep(loadMs);
    const killedCpuMs = cpuMs(srv.child.pid!) - srvCpu0;
    await srv.kill9();
    stage('killed');
    await Promise.all(loops);
    stage('loops ended');
    for (const d of [...kiosks.map((k) => k.dev), ...packs.map((p) => p.dev)]) d.drop();

    const r0 = performance.now();
    srv = await start();
    const restartMs = Math.round(performance.now() - r0);
    stage('restarted');
    // Devices come back and flush their outboxes (the same bytes), then kiosks report what they hold.
    for (const d of [...kiosks.map((k) => k.dev), ...packs.map((p) => p.dev)]) await d.connect(srv.mqttUrl);
    await until(() => [...kiosks, ...packs].every((x) => x.dev.outbox.size === 0), 30_000);
    // Releases of swaps decided just before the kill arrive now; let them land and be reported.
    await sleep(500);
    await until(() => kiosks.every((k) => k.dev.outbox.size === 0), 10_000);
    await Promise.all(kiosks.map((k) => k.status()));

    stage('checking');
    // 1. Every acknowledged reading is stored, and none twice.
    let lost = 0;
    let stored2x = 0;
    for (const p of packs) {
      const res = await api(srv.httpUrl, 'GET', `/v1/packs/${p.id}/readings?from=0&limit=10000`);
      if (res.status !== 200) throw new Error(`readings of ${p.id}: ${res.status} ${JSON.stringify(res.json)}`);
      if (res.json.readings.length >= 10_000) throw new Error('more than 10,000 readings per pack: use fewer cycles or a shorter --max-load-ms');
      const seqs = (res.json.readings as { seq: number }[]).map((x) => x.seq);
      const stored = new Set(seqs);
      stored2x += seqs.length - stored.size;
      for (const s of p.dev.acked) if (!stored.has(s)) lost++;
    }
    // 2. Releases: one command per request; each command executed once (firmware rule) and 'released' once.
    const twoCommands = kiosks.reduce((n, k) => n + k.requestsWithTwoCommands(), 0);
    let swapsReleased = 0;
    for (const k of kiosks) {
      const res = await api(srv.httpUrl, 'GET', `/v1/swaps?kioskId=${k.id}&from=0&limit=10000`);
      swapsReleased += (res.json.swaps as { outcome: string }[]).filter((s) => s.outcome === 'released').length;
    }
    // 3. Custody agrees with what the kiosks and customers really hold.
    let custodyOff = 0;
    const truth = new Map<string, string>();
    for (const k of kiosks) k.slots.forEach((p, slot) => p && truth.set(p, `slot:${k.id}:${slot}`));
    for (const [c, p] of world.customerPack) truth.set(p, `customer:${c}`);
    for (const p of fleetPacks) {
      const res = await api(srv.httpUrl, 'GET', `/v1/packs/${p.id}/custody?limit=1`);
      const c = res.json.custody as { kind: string; kioskId?: string; slot?: number; customerId?: string };
      const got = c.kind === 'slot' ? `slot:${c.kioskId}:${c.slot}` : c.kind === 'customer' ? `customer:${c.customerId}` : c.kind;
      if (got !== (truth.get(p.id) ?? 'nowhere')) {
        custodyOff++;
        if (custodyOff <= 3) process.stdout.write(`    custody of ${p.id}: server says ${got}, the fleet holds it at ${truth.get(p.id) ?? 'nowhere'}\n`);
        if (process.env.CF_BENCH_DEBUG) process.stdout.write(`      ${JSON.stringify((await api(srv.httpUrl, 'GET', `/v1/packs/${p.id}/custody?limit=8`)).json.changes)}\n`);
      }
    }
    const anomalies = (await api(srv.httpUrl, 'GET', '/v1/anomalies?limit=1000')).json.anomalies as { kind: string; status?: string }[];
    const open = anomalies.filter((a) => a.kind === 'custody_implausible' && a.status === 'open');
    const disputes = open.length;
    for (const a of open.slice(0, 3)) process.stdout.write(`    open dispute: ${(a as { detail?: string }).detail ?? ''}\n`);
    const wallMs = performance.now() - t0;
    // Other processes' share of the machine during the cycle: all busy time less ours (bench + both servers).
    const oursMs = selfCpuMs() - self0 + killedCpuMs + cpuMs(srv.child.pid!);
    const othersPct = Math.max(0, Math.round(((machineBusyMs() - busy0 - oursMs) / wallMs) * 100));
    const ackedTotal = packs.reduce((n, p) => n + p.dev.acked.size, 0);
    rows.push({ cycle, loadMs: Math.round(loadMs), restartMs, ackedTotal, lost, stored2x, swapsReleased, twoCommands, custodyOff, disputes, othersPct });
    const r = rows.at(-1)!;
    process.stdout.write(`  cycle ${String(cycle).padStart(2)}: load ${r.loadMs} ms, restart ${r.restartMs} ms, acked ${r.ackedTotal}, lost ${r.lost}, stored twice ${r.stored2x}, swaps released ${r.swapsReleased}, two commands ${r.twoCommands}, custody off ${r.custodyOff}, open disputes ${r.disputes}, others ${r.othersPct} % of a core\n`);
  }
  for (const d of [...kiosks.map((k) => k.dev), ...packs.map((p) => p.dev)]) d.drop();
  clearInterval(watchdog);
  await srv.stop();

  process.stdout.write('\n| cycle | load ms | restart ms | readings acked (total) | lost | stored twice | swaps released (total) | requests with 2 release commands | custody mismatches | open disputes | others (% of a core) |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
  for (const r of rows) process.stdout.write(`| ${r.cycle} | ${r.loadMs} | ${r.restartMs} | ${r.ackedTotal} | ${r.lost} | ${r.stored2x} | ${r.swapsReleased} | ${r.twoCommands} | ${r.custodyOff} | ${r.disputes} | ${r.othersPct} |\n`);
  const bad = rows.filter((r) => r.lost > 0 || r.stored2x > 0 || r.twoCommands > 0 || r.custodyOff > 0);
  const restarts = rows.map((r) => r.restartMs).sort((a, b) => a - b);
  process.stdout.write(`\n${rows.length} cycles; median restart ${restarts[Math.floor(restarts.length / 2)]} ms; cycles breaking a promise: ${bad.length} (target 0)\n`);
  return bad.length === 0 ? 0 : 1;
}
