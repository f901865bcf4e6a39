// The device topic ACL, table-driven: a device may publish and subscribe only under its own id.
import { describe, it, expect } from 'vitest';
import { mayPublish, maySubscribe } from '../../broker/acl.ts';
import type { DeviceIdentity } from '../../broker/acl.ts';

const pack: DeviceIdentity = { deviceId: 'pack-1', kind: 'pack' };
const kiosk: DeviceIdentity = { deviceId: 'kiosk-1', kind: 'kiosk' };
const app: DeviceIdentity = { deviceId: 'cust-1', kind: 'customer' };

const publishCases: Array<[string, DeviceIdentity, string, boolean]> = [
  ['pack: own telemetry', pack, 'fleet/v1/packs/pack-1/telemetry', true],
  ['pack: another pack telemetry', pack, 'fleet/v1/packs/pack-2/telemetry', false],
  ['pack: id prefix of own', pack, 'fleet/v1/packs/pack-10/telemetry', false],
  ['pack: kiosk status under own id', pack, 'fleet/v1/kiosks/pack-1/status', false],
  ['pack: unknown suffix', pack, 'fleet/v1/packs/pack-1/status', false],
  ['pack: extra level', pack, 'fleet/v1/packs/pack-1/telemetry/x', false],
  ['pack: trailing slash', pack, 'fleet/v1/packs/pack-1/telemetry/', false],
  ['pack: other root', pack, 'fleet/v2/packs/pack-1/telemetry', false],
  ['pack: $SYS', pack, '$SYS/broker/x', false],
  ['pack: customer nudges', pack, 'fleet/v1/customers/pack-1/nudges', false],
  ['kiosk: own status', kiosk, 'fleet/v1/kiosks/kiosk-1/status', true],
  ['kiosk: own events', kiosk, 'fleet/v1/kiosks/kiosk-1/events', true],
  ['kiosk: own swap requests', kiosk, 'fleet/v1/kiosks/kiosk-1/swap/requests', true],
  ['kiosk: own commands (downlink)', kiosk, 'fleet/v1/kiosks/kiosk-1/commands', false],
  ['kiosk: own swap decisions (downlink)', kiosk, 'fleet/v1/kiosks/kiosk-1/swap/decisions', false],
  ['kiosk: another kiosk status', kiosk, 'fleet/v1/kiosks/kiosk-2/status', false],
  ['kiosk: pack telemetry under own id', kiosk, 'fleet/v1/packs/kiosk-1/telemetry', false],
  ['kiosk: empty', kiosk, '', false],
  ['customer app: its own nudges (downlink)', app, 'fleet/v1/customers/cust-1/nudges', false],
  ['customer app: telemetry under its id', app, 'fleet/v1/packs/cust-1/telemetry', false],
  ['customer app: kiosk swap request under its id', app, 'fleet/v1/kiosks/cust-1/swap/requests', false],
];

const subscribeCases: Array<[string, DeviceIdentity, string, boolean]> = [
  ['kiosk: own commands', kiosk, 'fleet/v1/kiosks/kiosk-1/commands', true],
  ['kiosk: own swap decisions', kiosk, 'fleet/v1/kiosks/kiosk-1/swap/decisions', true],
  ['kiosk: another kiosk commands', kiosk, 'fleet/v1/kiosks/kiosk-2/commands', false],
  ['kiosk: + for own id', kiosk, 'fleet/v1/kiosks/+/commands', false],
  ['kiosk: # under own id', kiosk, 'fleet/v1/kiosks/kiosk-1/#', false],
  ['kiosk: # everything', kiosk, '#', false],
  ['kiosk: own status (uplink)', kiosk, 'fleet/v1/kiosks/kiosk-1/status', false],
  ['kiosk: customer nudges', kiosk, 'fleet/v1/customers/kiosk-1/nudges', false],
  ['kiosk: $SYS', kiosk, '$SYS/#', false],
  ['kiosk: shared subscription', kiosk, '$share/g/fleet/v1/kiosks/kiosk-1/commands', false],
  ['pack: own telemetry', pack, 'fleet/v1/packs/pack-1/telemetry', false],
  ['pack: kiosk commands under own id', pack, 'fleet/v1/kiosks/pack-1/commands', false],
  ['pack: customer nudges under own id', pack, 'fleet/v1/customers/pack-1/nudges', false],
  ['customer app: its own nudges', app, 'fleet/v1/customers/cust-1/nudges', true],
  ['customer app: another customer nudges', app, 'fleet/v1/customers/cust-2/nudges', false],
  ['customer app: + for every customer', app, 'fleet/v1/customers/+/nudges', false],
  ['customer app: # under its id', app, 'fleet/v1/customers/cust-1/#', false],
  ['customer app: kiosk commands under its id', app, 'fleet/v1/kiosks/cust-1/commands', false],
  ['customer app: $SYS', app, '$SYS/#', false],
];

describe('broker ACL: publish', () => {
  it.each(publishCases)('%s', (_name, identity, topic, allowed) => {
    const decision = mayPublish(identity, topic);
    expect(decision.ok).toBe(allowed);
    if (!decision.ok) expect(decision.reason).toMatch(/\w/);
  });
});

describe('broker ACL: subscribe', () => {
  it.each(subscribeCases)('%s', (_name, identity, filter, allowed) => {
    expect(maySubscribe(identity, filter).ok).toBe(allowed);
  });
});
