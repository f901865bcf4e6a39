// The fleet/v1 topic grammar: parse a topic into (kind, device id) and build topics back.
// Pure; shared by the broker's ACL and the ingest router.

export const TOPIC_ROOT = 'fleet/v1';

/** A customer device is the customer's app: it only receives that customer's nudges. */
export type DeviceKind = 'pack' | 'kiosk' | 'customer';

/** Messages devices send. */
export type UplinkKind = 'pack.telemetry' | 'kiosk.status' | 'kiosk.events' | 'kiosk.swap.requests';
/** Messages the system sends. */
export type DownlinkKind = 'kiosk.commands' | 'kiosk.swap.decisions' | 'customer.nudges';

export type ParsedTopic =
  | { ok: true; direction: 'up'; kind: UplinkKind; deviceKind: DeviceKind; deviceId: string }
  | { ok: true; direction: 'down'; kind: DownlinkKind; deviceKind: DeviceKind; deviceId: string }
  | { ok: false; reason: string };

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The rule of ID_RE in words, for error messages and help. */
export const ID_RULE = "1-64 letters, digits, '.', '-' and '_', starting with a letter or digit";

/** Device, kiosk, store and customer ids: 1-64 chars of [A-Za-z0-9._-], starting with a letter or digit. */
export function isValidId(id: string): boolean {
  return ID_RE.test(id);
}

const UP: Record<string, { kind: UplinkKind; deviceKind: DeviceKind }> = {
  'packs/telemetry': { kind: 'pack.telemetry', deviceKind: 'pack' },
  'kiosks/status': { kind: 'kiosk.status', deviceKind: 'kiosk' },
  'kiosks/events': { kind: 'kiosk.events', deviceKind: 'kiosk' },
  'kiosks/swap/requests': { kind: 'kiosk.swap.requests', deviceKind: 'kiosk' },
};
const DOWN: Record<string, { kind: DownlinkKind; deviceKind: DeviceKind }> = {
  'kiosks/commands': { kind: 'kiosk.commands', deviceKind: 'kiosk' },
  'kiosks/swap/decisions': { kind: 'kiosk.swap.decisions', deviceKind: 'kiosk' },
  'customers/nudges': { kind: 'customer.nudges', deviceKind: 'customer' },
};

/** Parses `fleet/v1/{packs|kiosks|customers}/{id}/{suffix}`. Wildcards are not topics and are refused. */
export function parseTopic(topic: string): ParsedTopic {
  if (!topic.startsWith(TOPIC_ROOT + '/')) return { ok: false, reason: `topic must start with ${TOPIC_ROOT}/` };
  const rest = topic.slice(TOPIC_ROOT.length + 1);
  const parts = rest.split('/');
  if (parts.length < 3 || parts.length > 4) return { ok: false, reason: 'topic has the wrong number of levels' };
  const [collection, id, ...suffix] = parts as [string, string, ...string[]];
  if (!isValidId(id)) return { ok: false, reason: 'topic device id is invalid' };
  const key = `${collection}/${suffix.join('/')}`;
  const up = UP[key];
  if (up) return { ok: true, direction: 'up', kind: up.kind, deviceKind: up.deviceKind, deviceId: id };
  const down = DOWN[key];
  if (down) return { ok: true, direction: 'down', kind: down.kind, deviceKind: down.deviceKind, deviceId: id };
  return { ok: false, reason: `unknown topic suffix for ${collection}` };
}

export const topics = {
  packTelemetry: (packId: string) => `${TOPIC_ROOT}/packs/${packId}/telemetry`,
  kioskStatus: (kioskId: string) => `${TOPIC_ROOT}/kiosks/${kioskId}/status`,
  kioskEvents: (kioskId: string) => `${TOPIC_ROOT}/kiosks/${kioskId}/events`,
  swapRequests: (kioskId: string) => `${TOPIC_ROOT}/kiosks/${kioskId}/swap/requests`,
  swapDecisions: (kioskId: string) => `${TOPIC_ROOT}/kiosks/${kioskId}/swap/decisions`,
  kioskCommands: (kioskId: string) => `${TOPIC_ROOT}/kiosks/${kioskId}/commands`,
  customerNudges: (customerId: string) => `${TOPIC_ROOT}/customers/${customerId}/nudges`,
} as const;
