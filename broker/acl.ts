// The device topic ACL: what an authenticated device may publish and subscribe to. Pure.
// A device speaks only for itself (DESIGN promise 3): every allowed topic carries its own id.
import { parseTopic } from '../domain/topics.ts';
import type { DeviceKind, DownlinkKind, UplinkKind } from '../domain/topics.ts';

export interface DeviceIdentity {
  readonly deviceId: string;
  readonly kind: DeviceKind;
}

export type AclDecision = { ok: true } | { ok: false; reason: string };

const ALLOW: AclDecision = Object.freeze({ ok: true });

const PUBLISH_KINDS: Readonly<Record<DeviceKind, readonly UplinkKind[]>> = {
  pack: ['pack.telemetry'],
  kiosk: ['kiosk.status', 'kiosk.events', 'kiosk.swap.requests'],
  customer: [],
};

/** Packs subscribe to nothing: a customer's nudges go to that customer's app, and only to it. */
const SUBSCRIBE_KINDS: Readonly<Record<DeviceKind, readonly DownlinkKind[]>> = {
  pack: [],
  kiosk: ['kiosk.commands', 'kiosk.swap.decisions'],
  customer: ['customer.nudges'],
};

/** May this device publish on this topic? Only its own uplink topics. */
export function mayPublish(identity: DeviceIdentity, topic: string): AclDecision {
  const parsed = parseTopic(topic);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.direction !== 'up') return { ok: false, reason: 'devices may not publish on downlink topics' };
  if (parsed.deviceKind !== identity.kind) return { ok: false, reason: `a ${identity.kind} may not publish on ${parsed.deviceKind} topics` };
  if (parsed.deviceId !== identity.deviceId) return { ok: false, reason: 'topic names another device' };
  if (!PUBLISH_KINDS[identity.kind].includes(parsed.kind)) return { ok: false, reason: `a ${identity.kind} may not publish ${parsed.kind}` };
  return ALLOW;
}

/**
 * May this device subscribe to this topic filter? Only its own downlink topics, exactly: no
 * wildcards, no $SYS, no shared subscriptions.
 */
export function maySubscribe(identity: DeviceIdentity, filter: string): AclDecision {
  // '+' and '#' are filters, not topics; '$' covers $SYS (MQTT 3.1.1 §4.7.2) and $share (MQTT 5 §4.8.2).
  if (filter.includes('+') || filter.includes('#')) return { ok: false, reason: 'wildcard subscriptions are not allowed' };
  if (filter.startsWith('$')) return { ok: false, reason: '$ topics are not allowed' };
  const parsed = parseTopic(filter);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  if (parsed.direction !== 'down') return { ok: false, reason: 'devices may not subscribe to uplink topics' };
  if (parsed.deviceKind !== identity.kind) return { ok: false, reason: `a ${identity.kind} may not subscribe to ${parsed.deviceKind} topics` };
  if (parsed.deviceId !== identity.deviceId) return { ok: false, reason: 'topic names another device' };
  if (!SUBSCRIBE_KINDS[identity.kind].includes(parsed.kind)) return { ok: false, reason: `a ${identity.kind} may not subscribe to ${parsed.kind}` };
  return ALLOW;
}
