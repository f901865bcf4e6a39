import { describe, expect, it } from 'vitest';
import { isValidId, parseTopic, topics } from '../../domain/topics.ts';

describe('parseTopic', () => {
  const ok = [
    ['fleet/v1/packs/P-1/telemetry', 'pack.telemetry', 'pack', 'P-1', 'up'],
    ['fleet/v1/kiosks/K1/status', 'kiosk.status', 'kiosk', 'K1', 'up'],
    ['fleet/v1/kiosks/K1/events', 'kiosk.events', 'kiosk', 'K1', 'up'],
    ['fleet/v1/kiosks/K1/swap/requests', 'kiosk.swap.requests', 'kiosk', 'K1', 'up'],
    ['fleet/v1/kiosks/K1/swap/decisions', 'kiosk.swap.decisions', 'kiosk', 'K1', 'down'],
    ['fleet/v1/kiosks/K1/commands', 'kiosk.commands', 'kiosk', 'K1', 'down'],
    ['fleet/v1/customers/c.42/nudges', 'customer.nudges', 'customer', 'c.42', 'down'],
  ] as const;
  it.each(ok)('%s → %s', (topic, kind, deviceKind, deviceId, direction) => {
    expect(parseTopic(topic)).toEqual({ ok: true, kind, deviceKind, deviceId, direction });
  });

  const bad = [
    ['fleet/v2/packs/P1/telemetry', 'start with'],
    ['fleet/v1/packs/P1', 'number of levels'],
    ['fleet/v1/packs/P1/telemetry/extra/more', 'number of levels'],
    ['fleet/v1/packs/+/telemetry', 'device id'],
    ['fleet/v1/packs/#/telemetry', 'device id'],
    ['fleet/v1/packs//telemetry', 'device id'],
    ['fleet/v1/packs/P1/status', 'unknown topic'],
    ['fleet/v1/kiosks/K1/telemetry', 'unknown topic'],
    ['fleet/v1/printers/X/status', 'unknown topic'],
    ['$SYS/broker/uptime', 'start with'],
    ['fleet/v1/packs/-leading-dash/telemetry', 'device id'],
    [`fleet/v1/packs/${'a'.repeat(65)}/telemetry`, 'device id'],
  ] as const;
  it.each(bad)('refuses %s', (topic, reason) => {
    const r = parseTopic(topic);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('round-trips the topic builders', () => {
    expect(parseTopic(topics.packTelemetry('p1'))).toMatchObject({ ok: true, kind: 'pack.telemetry', deviceId: 'p1' });
    expect(parseTopic(topics.swapDecisions('k9'))).toMatchObject({ ok: true, kind: 'kiosk.swap.decisions', deviceId: 'k9' });
    expect(parseTopic(topics.customerNudges('c1'))).toMatchObject({ ok: true, kind: 'customer.nudges', deviceId: 'c1' });
  });

  it.each([
    ['pack-0001', true],
    ['A', true],
    ['a.b_c-d', true],
    ['', false],
    ['_x', false],
    ['has space', false],
    ['slash/no', false],
    ['é', false],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
  ] as const)('isValidId(%j) = %s', (id, expected) => {
    expect(isValidId(id)).toBe(expected);
  });
});
