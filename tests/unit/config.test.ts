import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.ts';
import { CfError } from '../../domain/errors.ts';

describe('loadConfig', () => {
  it('has working defaults and is frozen', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ dataDir: './data', mqttHost: '127.0.0.1', mqttPort: 1883, httpHost: '127.0.0.1', httpPort: 8080, store: 'duckdb' });
    expect(c.adminToken).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('parses values', () => {
    const c = loadConfig({ CF_MQTT_PORT: '0', CF_STORE: 'influx', CF_PUBLISH_RATE: '2.5', CF_DATA_DIR: '/tmp/x' });
    expect(c).toMatchObject({ mqttPort: 0, store: 'influx', publishRatePerSec: 2.5, dataDir: '/tmp/x' });
  });

  it('reports every error at once, with a reason for each', () => {
    let err: unknown;
    try {
      loadConfig({ CF_MQTT_PORT: 'abc', CF_HTTP_PORT: '70000', CF_STORE: 'postgres', CF_MQTT_PROT: '1', CF_ADMIN_TOKEN: 'short', CF_TLS_CERT: '/x.pem' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CfError);
    const e = err as CfError;
    expect(e.code).toBe('CF_ERR_CONFIG_INVALID');
    const errors = (e.details as { errors: string[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        'CF_MQTT_PORT: "abc" is not an integer',
        'CF_HTTP_PORT: 70000 is outside 0..65535',
        'CF_STORE: "postgres" is not one of duckdb, influx',
        'CF_MQTT_PROT: not a known setting (did you mean CF_MQTT_PORT?)',
        'CF_ADMIN_TOKEN: must be at least 16 characters',
        'CF_TLS_CERT and CF_TLS_KEY: set both or neither',
      ]),
    );
    expect(errors).toHaveLength(6);
  });

  it('reads per-plan pack limits, and names every bad entry', () => {
    const c = loadConfig({ CF_PLAN_MAX_PACKS_HELD: 'family=3, duo = 2', CF_MAX_PACKS_HELD: '1' });
    expect({ ...c.planMaxPacksHeld }).toEqual({ family: 3, duo: 2 });
    expect(c.maxPacksHeld).toBe(1);
    expect(loadConfig({}).planMaxPacksHeld).toBeUndefined();
    let err: unknown;
    try {
      loadConfig({ CF_PLAN_MAX_PACKS_HELD: 'family=0,duo,duo=2,duo=3', CF_MAX_PACKS_HELD: '0' });
    } catch (e) {
      err = e;
    }
    expect((err as CfError).details).toEqual({
      errors: ['CF_MAX_PACKS_HELD: 0 is outside 1..100', 'CF_PLAN_MAX_PACKS_HELD: family=0 is outside 1..100; "duo" is not plan=N; plan "duo" is given twice'],
    });
  });

  it('keeps a plan called __proto__ as data, not as the prototype', () => {
    const c = loadConfig({ CF_PLAN_MAX_PACKS_HELD: '__proto__=5' });
    expect(Object.hasOwn(c.planMaxPacksHeld!, '__proto__')).toBe(true);
    expect(c.planMaxPacksHeld!['__proto__']).toBe(5);
  });
});
