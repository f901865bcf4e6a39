// Issue 9, finding 5: the card-token pepper sat in the same DuckDB file as the card-token hashes,
// so a copy of the file let anyone test card numbers offline. Real system on real DuckDB files.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDuckDb } from '../../store/duckdb/database.ts';
import { DuckFleetRegistry } from '../../store/duckdb/fleet-registry.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';

const FLEET = {
  stores: [{ id: 'store-1', name: 'S', lat: 51.5, lon: -0.1, timeZone: 'Europe/London' }],
  customers: [{ id: 'cust-1', token: 'card-7Q2M-91XK-PLUS', status: 'active', plan: 'unlimited', planActive: true, timeZone: 'Europe/London' }],
};
const dirs: string[] = [];
let t: TestSystem | null = null;
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'cf-secrets-'));
  dirs.push(d);
  return d;
};
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

/** Everything the DuckDB file says about a pepper, read the way someone with a copy of it would. */
async function pepperRowsInDatabase(dataDir: string): Promise<unknown[]> {
  const db = await openDuckDb(join(dataDir, 'chargefleet.duckdb'));
  const c = await db.connect();
  try {
    return await c.all(`SELECT * FROM fleet_settings WHERE key LIKE '%pepper%'`);
  } finally {
    await c.close();
    await db.close();
  }
}

afterEach(async () => {
  await t?.stop({ keepData: true });
  t = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the customer-token pepper', () => {
  it('lives in a 0600 secrets file created at first start, not in the database; the data dir is 0700', async () => {
    const dir = fresh();
    chmodSync(dir, 0o755);
    t = await startTestSystem({ dataDir: dir });
    expect((await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: t.admin, payload: FLEET })).statusCode).toBe(200);
    expect(t.sys.fleet.customerByToken('card-7Q2M-91XK-PLUS')?.id).toBe('cust-1');
    const secretsFile = join(dir, 'secrets.json');
    expect(mode(secretsFile)).toBe('600');
    expect(mode(dir)).toBe('700');
    expect(mode(join(dir, 'chargefleet.duckdb'))).toBe('600');
    const pepper = JSON.parse(readFileSync(secretsFile, 'utf8')).customerTokenPepper as string;
    expect(pepper).toMatch(/^[0-9a-f]{64}$/);
    await t.stop({ keepData: true });
    t = null;
    expect(await pepperRowsInDatabase(dir)).toEqual([]);
    // The raw file holds no copy either.
    expect(readFileSync(join(dir, 'chargefleet.duckdb')).includes(Buffer.from(pepper))).toBe(false);
    // And a restart with the file verifies the same tokens.
    t = await startTestSystem({ dataDir: dir });
    expect(t.sys.fleet.customerByToken('card-7Q2M-91XK-PLUS')?.id).toBe('cust-1');
  });

  it('moves out of a data dir written by an older build, and its card tokens still verify', async () => {
    const dir = fresh();
    // The older build: the pepper generated into fleet_settings, the customer hashed with it.
    const db = await openDuckDb(join(dir, 'chargefleet.duckdb'));
    const old = new DuckFleetRegistry(db);
    await old.open();
    await old.importFleet(FLEET, Date.now());
    const legacyHash = old.hashCustomerToken('card-7Q2M-91XK-PLUS');
    await old.close();
    await db.close();
    expect(await pepperRowsInDatabase(dir)).toHaveLength(1);

    t = await startTestSystem({ dataDir: dir });
    expect(t.sys.fleet.customerByToken('card-7Q2M-91XK-PLUS')?.id).toBe('cust-1');
    expect(t.sys.fleet.hashCustomerToken('card-7Q2M-91XK-PLUS')).toBe(legacyHash);
    expect(mode(join(dir, 'secrets.json'))).toBe('600');
    await t.stop({ keepData: true });
    t = null;
    expect(await pepperRowsInDatabase(dir)).toEqual([]);
  });

  it('comes from CF_TOKEN_PEPPER when set, and then no file is written', async () => {
    const dir = fresh();
    t = await startTestSystem({ dataDir: dir, config: { tokenPepper: 'ab'.repeat(32) } });
    await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: t.admin, payload: FLEET });
    expect(() => statSync(join(dir, 'secrets.json'))).toThrow();
    expect(t.sys.fleet.customerByToken('card-7Q2M-91XK-PLUS')?.id).toBe('cust-1');
  });

  it('refuses to start on a CF_SECRETS_FILE others can read, saying what to do', async () => {
    // Outside the data dir (inside it, the start tightens every file to 0600 anyway).
    const keys = fresh();
    const file = join(keys, 'chargefleet-secrets.json');
    writeFileSync(file, JSON.stringify({ customerTokenPepper: 'cd'.repeat(32) }));
    chmodSync(file, 0o644);
    await expect(startTestSystem({ dataDir: fresh(), config: { secretsFile: file } })).rejects.toMatchObject({ code: 'CF_ERR_CONFIG_INVALID', message: expect.stringContaining('chmod 600') });
    chmodSync(file, 0o600);
    t = await startTestSystem({ dataDir: fresh(), config: { secretsFile: file } });
    await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: t.admin, payload: FLEET });
    expect(t.sys.fleet.customerByToken('card-7Q2M-91XK-PLUS')?.id).toBe('cust-1');
  });
});
