// The demo fleet `npm start` runs beside the system: a few stores, tens of kiosks, a few hundred
// customers, on the server's own virtual clock at a speed where something happens every second,
// and the places to look while it runs.
import { MqttFleet } from './mqtt-fleet.ts';
import type { VirtualClock } from './virtual-clock.ts';

export const DEMO_FLEET = { stores: 4, kiosksPerStore: 5, packs: 600, customers: 400, slotsPerKiosk: 12 } as const;
/** `chargefleet start --small`: up in seconds, for a quick look or a test. */
export const SMALL_DEMO_FLEET = { stores: 1, kiosksPerStore: 2, packs: 24, customers: 12, slotsPerKiosk: 12 } as const;
export type DemoSize = typeof DEMO_FLEET | typeof SMALL_DEMO_FLEET;
/** Simulated seconds per wall second: a day in under five minutes, a swap every few seconds, kiosk reports every second. */
export const DEMO_SPEED = 300;

/** The demo starts at 07:00 UTC today, when the first commuters are about to leave home. */
export function demoStartMs(nowMs = Date.now()): number {
  const d = new Date(nowMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 7);
}

export interface DemoOptions {
  brokerUrl: string;
  httpUrl: string;
  adminToken: string;
  /** The server's clock; the demo advances it. */
  clock: VirtualClock;
  log(line: string): void;
  /** Whether the server would ever nudge this customer (not in its holdout); the demo's watched customer must be. */
  nudgeable?(customerId: string): boolean;
  /** Default DEMO_FLEET. */
  size?: DemoSize;
  /** Put in front of every id; default demo-XXXX- from the wall clock, so each run's fleet is new. */
  idPrefix?: string;
}

export function newDemoPrefix(nowMs = Date.now()): string {
  return `demo-${Math.floor(nowMs / 1000).toString(36).slice(-4)}-`;
}

/** The demo's town: the stores within a walk of most customers, so nudges have somewhere to send them. */
export const DEMO_GEO = { spreadKm: 4 } as const;

/**
 * Provisions and connects the demo fleet (it does not run yet). Every customer's app receives
 * nudges, except one heavy user's, whose app is left to the newcomer (mosquitto_sub; see whereToLook).
 */
export function createDemoFleet(o: DemoOptions): Promise<MqttFleet> {
  return MqttFleet.create({
    seed: 'demo',
    ...(o.size ?? DEMO_FLEET),
    scenario: 'normal-day',
    geo: DEMO_GEO,
    nudges: 'personal',
    leaveApps: (built) => {
      const cb = built.customers;
      // A heavy user (persona 1) who consented and is not held out: the one most likely to be nudged soon.
      for (let c = 0; c < cb.size; c++) if (cb.persona[c] === 1 && cb.consent[c] === 1 && (o.nudgeable?.(cb.ids[c]!) ?? true)) return [c];
      return [];
    },
    brokerUrl: o.brokerUrl,
    api: { baseUrl: o.httpUrl, token: o.adminToken },
    clock: o.clock,
    idPrefix: o.idPrefix ?? newDemoPrefix(),
    log: o.log,
  });
}

/** Where to look while the demo runs: curl lines for a kiosk, the swap ledger, health. */
export function whereToLook(httpUrl: string, adminToken: string, fleet: MqttFleet): string[] {
  const kiosk = fleet.devices.kioskIds[0]!;
  const pack = fleet.built.packs.ids[0]!;
  const auth = `-H "authorization: Bearer ${adminToken}"`;
  return [
    `demo fleet: ${fleet.built.stores.ids.length} stores, ${fleet.devices.kioskIds.length} kiosks, ${fleet.built.packs.size} packs, ${fleet.built.customers.size} customers; simulated time runs ${DEMO_SPEED}x from ${new Date(fleet.startMs).toISOString().slice(0, 16)}Z (a day in ${((86_400 / DEMO_SPEED) / 60).toFixed(1)} min)`,
    'where to look:',
    `  curl -s ${auth} ${httpUrl}/v1/kiosks/${kiosk}`,
    `  curl -s ${auth} '${httpUrl}/v1/swaps?limit=5'`,
    `  curl -s ${auth} ${httpUrl}/v1/packs/${pack}`,
    `  curl -s ${auth} '${httpUrl}/v1/nudges?limit=5'          # every nudge, and every suppressed one with its reason`,
    `  curl -s ${auth} ${httpUrl}/v1/nudges/stats`,
    `  curl -s ${httpUrl}/healthz`,
    ...watchLines(httpUrl, auth, fleet),
    `  admin token: ${adminToken}`,
  ];
}

/** How to be the app of the customer whose app the demo left free: their nudges with mosquitto_sub, decoded with protoc. */
function watchLines(httpUrl: string, auth: string, fleet: MqttFleet): string[] {
  const [entry] = fleet.appPasswords;
  if (!entry) return [];
  const [id, password] = entry;
  const u = new URL(fleet.brokerUrl);
  const sub = `mosquitto_sub -h ${u.hostname} -p ${u.port} -V mqttv311 -q 1 -c -i ${id} -u ${id} -P '${password}' -t fleet/v1/customers/${id}/nudges`;
  return [
    `be customer ${id}'s app (a heavy user; a nudge comes every few minutes of wall time at most):`,
    `  ${sub} -v`,
    `  ${sub} -C 1 -N | protoc -I proto --decode=fleet.v1.Nudge proto/fleet/v1/nudge.proto   # one nudge, decoded`,
    `  curl -s ${auth} ${httpUrl}/v1/customers/${id}/profile   # what the system has learned about them`,
  ];
}
