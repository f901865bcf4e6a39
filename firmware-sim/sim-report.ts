// What a networked simulator run reports: the live one-line summary and the JSON report at the end
// (messages sent, acknowledged and resent; swaps requested, allowed and denied by reason; packs
// flat in a customer's hand; minutes of stock-out per store).
import type { LinkCounters } from './device-link.ts';
import type { SwapCounters } from './swap-sessions.ts';
import type { UplinkFaultTally } from './uplink-faults.ts';

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
  ].join(' | ');
}
