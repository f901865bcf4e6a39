// What a model-mode run counts: messages devices would send, swaps and their outcomes, customer
// pain (flat packs, dead phones, stock-outs), faults, and what the scenario's network did.
import type { NudgeCounters } from './nudge-tally.ts';

export interface FleetCounters {
  simulatedMs: number;
  steps: number;
  /** Messages devices would have published (pack telemetry, kiosk status, kiosk events). */
  packReadings: number;
  kioskStatusReports: number;
  kioskEvents: number;
  swapsAttempted: number;
  swapsDone: number;
  firstPickupsAttempted: number;
  firstPickups: number;
  deniedNoReadyPack: number;
  deniedNoFreeSlot: number;
  deniedKioskOffline: number;
  releaseFailures: number;
  /** Customers who returned a pack but got none (every release attempt failed). */
  leftWithoutPack: number;
  /** First pickups where every release attempt failed. */
  pickupsFailed: number;
  packsHitZeroInHand: number;
  phoneDeadMinutes: number;
  /** Sum over stores of minutes with no ready pack in any of their kiosks. */
  stockOutStoreMinutes: number;
  storesWithStockOut: number;
  overheatEpisodes: number;
  swellings: number;
  /** Packs with any fault flag at the end. */
  packsFaulted: number;
  /** Kiosk messages held while offline, and replayed after reconnect. */
  queuedWhileOffline: number;
  replayedAfterReconnect: number;
  duplicatesInjected: number;
  reorderedInjected: number;
  corruptInjected: number;
  reconnects: number;
  skewedDevices: number;
  /**
   * Swap and first-pickup attempts per simulated hour. Attempts = swapsDone + firstPickups + denied* +
   * leftWithoutPack + pickupsFailed; a customer turned away retries at the next store they pass.
   */
  demandByHour: number[];
  /** What the customers did with nudges; null when the run had no nudge policy. */
  nudges: NudgeCounters | null;
}


export function emptyCounters(): FleetCounters {
  return {
    simulatedMs: 0, steps: 0, packReadings: 0, kioskStatusReports: 0, kioskEvents: 0, swapsAttempted: 0, swapsDone: 0,
    firstPickupsAttempted: 0, firstPickups: 0, deniedNoReadyPack: 0, deniedNoFreeSlot: 0, deniedKioskOffline: 0,
    releaseFailures: 0, leftWithoutPack: 0, pickupsFailed: 0, packsHitZeroInHand: 0, phoneDeadMinutes: 0, stockOutStoreMinutes: 0,
    storesWithStockOut: 0, overheatEpisodes: 0, swellings: 0, packsFaulted: 0, queuedWhileOffline: 0,
    replayedAfterReconnect: 0, duplicatesInjected: 0, reorderedInjected: 0, corruptInjected: 0, reconnects: 0,
    skewedDevices: 0, demandByHour: [], nudges: null,
  };
}
