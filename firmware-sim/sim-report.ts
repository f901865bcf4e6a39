// What a networked simulator run reports: the live one-line summary and the JSON report at the end
// (messages sent, acknowledged and resent; swaps requested, allowed and denied by reason; packs
// flat in a customer's hand; minutes of stock-out per store).
import type { LinkCounters } from './device-link.ts';
import type { BuiltFleet } from './fleet-build.ts';
import type { ConnectSummary } from './link-pool.ts';
import type { SwapCounters } from './swap-sessions.ts';
import type { UplinkFaultTally } from './uplink-faults.ts';
import type { NudgeCounters } from './nudge-tally.ts';

export interface SimReport {
  scenario: string;
  seed: string;
  idPrefix: string;
  /** Simulated start and end, ISO 8601 (the simulator's clock). */
  simStart: string;
  simEnd: string;
  simulatedHours: number;
  wallSeconds: number;
  /** Simulated seconds per wall second over the run. */
  speed: number;
  devices: { stores: number; kiosks: number; packs: number; customers: number };
  connections: { initial: number; initialFailed: number; connectMs: number; sourceAddresses: number; reconnects: number; disconnects: number; connectFailures: number; refused: number; upAtEnd: number };
  messages: {
    /** PUBLISH packets written (every copy and resend). */
    sent: number;
    /** PUBACKs received. */
    acknowledged: number;
    /** Messages written again after a connection was lost before their PUBACK. */
    resent: number;
    /** Messages made by devices, by kind (before any fault). */
    made: Record<string, number>;
    /** QoS 1 messages kept while a device was offline, and handed back after reconnect. */
    queuedWhileOffline: number;
    replayedAfterReconnect: number;
    /** Offline messages lost to a full outbox. */
    droppedOverflow: number;
    /** Still unacknowledged when the report was made. */
    unacknowledgedAtEnd: number;
    downlinks: number;
  };
  faults: UplinkFaultTally & { reconnectStorms: number; devicesDropped: number; skewedDevices: number };
  swaps: SwapCounters;
  packsHitZeroInHand: number;
  phoneDeadMinutes: number;
  stockOutStoreMinutes: number;
  /** Minutes with no ready pack in any of the store's kiosks, for every store. */
  stockOutMinutesByStore: Record<string, number>;
  overheatEpisodes: number;
  swellings: number;
  /** What the customers did with nudges (firmware-sim/README.md "Customers: how they answer a nudge"). */
  nudges: NudgeCounters;
}

export interface SummaryInput {
  simNowMs: number;
  speed: number;
  links: LinkCounters;
  up: number;
  devices: number;
  swaps: SwapCounters;
  packsHitZero: number;
  storesOut: number;
  nudges?: NudgeCounters;
}

const n = (x: number): string => x.toLocaleString('en-GB');

/** The live line, e.g. `sim 2025-01-06 09:14 x120 | conn 210/210 | msgs 1,204 sent 1,200 acked 2 resent | swaps 14: 12 ok 2 denied | flat 0 | stores out 1`. */
export function summaryLine(s: SummaryInput): string {
  const at = new Date(s.simNowMs).toISOString().slice(0, 16).replace('T', ' ');
  const speed = Number.isFinite(s.speed) ? `x${s.speed >= 10 ? Math.round(s.speed) : s.speed.toFixed(1)}` : 'x-';
  const sw = s.swaps;
  return [
    `sim ${at} ${speed}`,
    `conn ${n(s.up)}/${n(s.devices)}`,
    `msgs ${n(s.links.sent)} sent ${n(s.links.acked)} acked ${n(s.links.resent)} resent`,
    `swaps ${n(sw.requested)}: ${n(sw.released)} released ${n(sw.denied)} denied`,
    `flat in hand ${n(s.packsHitZero)}`,
    `stores out ${n(s.storesOut)}`,
    ...(s.nudges && s.nudges.policy !== 'off' ? [`nudges ${n(s.nudges.messages)}: ${n(s.nudges.acted)} acted`] : []),
  ].join(' | ');
}

export interface ReportInput {
  scenario: string;
  seed: string;
  idPrefix: string;
  startMs: number;
  nowMs: number;
  wallS: number;
  built: BuiltFleet;
  connect: ConnectSummary;
  links: LinkCounters;
  upAtEnd: number;
  made: Record<string, number>;
  outbox: { queued: number; replayed: number; overflowDropped: number };
  unacknowledged: number;
  faults: SimReport['faults'];
  swaps: SwapCounters;
  phones: { packsHitZero: number; phoneDeadMinutes: number };
  stockOutMinutesByStore: Float64Array;
  overheatEpisodes: number;
  swellings: number;
  nudges: NudgeCounters;
}

export function buildReport(r: ReportInput): SimReport {
  const byStore: Record<string, number> = {};
  let total = 0;
  r.built.stores.ids.forEach((id, s) => {
    byStore[id] = r.stockOutMinutesByStore[s]!;
    total += r.stockOutMinutesByStore[s]!;
  });
  const lc = r.links;
  const simS = (r.nowMs - r.startMs) / 1000;
  return {
    scenario: r.scenario,
    seed: r.seed,
    idPrefix: r.idPrefix,
    simStart: new Date(r.startMs).toISOString(),
    simEnd: new Date(r.nowMs).toISOString(),
    simulatedHours: Math.round((simS / 3600) * 100) / 100,
    wallSeconds: Math.round(r.wallS * 10) / 10,
    speed: r.wallS > 0 ? Math.round(simS / r.wallS) : 0,
    devices: { stores: r.built.stores.ids.length, kiosks: r.built.kiosks.length, packs: r.built.packs.size, customers: r.built.customers.size },
    connections: { initial: r.connect.connected, initialFailed: r.connect.failed, connectMs: r.connect.ms, sourceAddresses: r.connect.sourceAddresses, reconnects: lc.connects - r.connect.connected, disconnects: lc.disconnects, connectFailures: lc.connectFailures, refused: lc.refused, upAtEnd: r.upAtEnd },
    messages: { sent: lc.sent, acknowledged: lc.acked, resent: lc.resent, made: { ...r.made }, queuedWhileOffline: r.outbox.queued, replayedAfterReconnect: r.outbox.replayed, droppedOverflow: r.outbox.overflowDropped, unacknowledgedAtEnd: r.unacknowledged, downlinks: lc.downlinks },
    faults: { ...r.faults },
    swaps: structuredClone(r.swaps),
    packsHitZeroInHand: r.phones.packsHitZero,
    phoneDeadMinutes: Math.round(r.phones.phoneDeadMinutes),
    stockOutStoreMinutes: total,
    stockOutMinutesByStore: byStore,
    overheatEpisodes: r.overheatEpisodes,
    swellings: r.swellings,
    nudges: { ...r.nudges },
  };
}
