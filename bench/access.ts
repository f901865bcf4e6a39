// `npm run bench -- access`: what a credential check costs, and what a login tells an attacker.
//   1. CPU per bearer-token check (SHA-256 digest + lookup), for a valid token and a wrong one, beside
//      the scrypt verification every non-admin token paid before (issue 9 finding 7), same run.
//   2. A kiosk's API request to a `chargefleet serve` child while another process floods it with
//      wrong tokens from 8 clients, over loopback HTTP: p50/p99 without and with the flood, same
//      run, and the server's CPU per request.
//   3. Login wall time for a wrong password vs an unknown email (same answer; should be the same
//      time): medians and their ratio, interleaved so machine load hits both alike.
// Flags: --checks N (default 200000), --logins N (default 15 each), --flood-s S (default 5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { spawn } from 'node:child_process';
import { loadConfig } from '../app/config.ts';
import { startSystem } from '../app/system.ts';
import { LoginThrottle } from '../domain/login-throttle.ts';
import { generateSecret, hashSecret, verifySecret } from '../domain/secrets.ts';
import { AccessService } from '../services/access-service.ts';
import { AccountAdmin } from '../services/account-admin.ts';
import { DuckAccountStore } from '../store/duckdb/accounts.ts';
import { openDuckDb } from '../store/duckdb/database.ts';
import { startServerProcess } from '../tests/helpers/server-process.ts';
import { cpuMs, machineBusyMs, selfCpuMs } from './child-processes.ts';

const logger = pino({ level: 'silent' });
const out = (s: string) => process.stdout.write(s + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** Runs `fn`, returns its result and the other processes' CPU meanwhile (% of one core). */
async function withOthers<T>(fn: () => Promise<T>): Promise<{ value: T; othersPct: number }> {
  const m0 = machineBusyMs();
  const s0 = selfCpuMs();
  const t0 = performance.now();
  const value = await fn();
  const s = (performance.now() - t0) / 1000;
  return { value, othersPct: Math.round(Math.max(0, (machineBusyMs() - m0 - (selfCpuMs() - s0)) / 10 / s)) };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { checks: { type: 'string' }, logins: { type: 'string' }, 'flood-s': { type: 'string' } } });
  const checks = Number(values.checks ?? 200_000);
  const logins = Number(values.logins ?? 15);
  const floodS = Number(values['flood-s'] ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-access-'));
  try {
    await tokenChecks(dir, checks);
    await kioskUnderFlood(dir, floodS);
    await loginTiming(dir, logins);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return 0;
}

async function tokenChecks(dir: string, n: number): Promise<void> {
  const db = await openDuckDb(join(dir, 'tokens.duckdb'));
  const store = new DuckAccountStore(db);
  await store.open();
  const clock = { now: () => Date.now() };
  const admin = 'bench-admin-token-0123456789';
  const access = new AccessService({ accounts: store, clock, logger, isAdminToken: async (t) => t === admin, kioskIssuable: async () => true });
  const by = { role: 'admin', userId: null, storeIds: [], kioskId: null, via: 'token', credentialId: 'admin-token', label: 'bench' } as const;
  for (let i = 0; i < 999; i++) await access.issueToken(by, { kind: 'kiosk', kioskId: `k-${i}`, name: `k${i}` });
  const { token } = await access.issueToken(by, { kind: 'kiosk', kioskId: 'k-bench', name: 'bench' });
  const wrong = Array.from({ length: 1000 }, () => `cfk_${generateSecret()}`);
  const cpuPer = async (f: (i: number) => Promise<unknown>, count: number) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < count; i++) await f(i);
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / count;
  };
  const r = await withOthers(async () => {
    const valid = await cpuPer(() => access.fromBearer(token), n);
    const miss = await cpuPer((i) => access.fromBearer(wrong[i % wrong.length]!), n);
    // The anchor: what a non-admin token check cost before (scrypt N=2^12, r=8 on every check of an uncached secret).
    const hash = await hashSecret(token);
    const scrypt = await cpuPer(() => verifySecret(wrong[0]!, hash), 50);
    return { valid, miss, scrypt };
  });
  out('1. bearer-token check, CPU per check (1,000 tokens stored):');
  out(`   valid token       ${r.value.valid.toFixed(1)} µs`);
  out(`   wrong token       ${r.value.miss.toFixed(1)} µs`);
  out(`   scrypt, before    ${(r.value.scrypt / 1000).toFixed(1)} ms  (anchor: every wrong or uncached token paid this; scrypt runs on the libuv pool, so its CPU shows on other threads too)`);
  out(`   ratio             ${Math.round(r.value.scrypt / r.value.miss).toLocaleString('en')}x cheaper per wrong token   (others: ${r.othersPct} % of a core)`);
  await store.close();
  await db.close();
  await wholeRequests(dir, Math.max(1000, Math.floor(n / 20)));
}

/** The whole request through fastify (inject: no sockets), CPU per request: what a flood costs the server. */
async function wholeRequests(dir: string, n: number): Promise<void> {
  const adminToken = 'bench-admin-token-0123456789';
  const config = loadConfig({}, { dataDir: join(dir, 'inject'), mqttHost: '127.0.0.1', mqttPort: 0, httpHost: '127.0.0.1', httpPort: 0, adminToken, logLevel: 'silent' });
  const sys = await startSystem({ config, logger });
  try {
    const admin = { authorization: `Bearer ${adminToken}` };
    await sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: admin, payload: { stores: [{ id: 'st-1', name: 'One', lat: 51, lon: 0, timeZone: 'Europe/London' }], kiosks: [{ id: 'k-1', storeId: 'st-1', slotCount: 4 }] } });
    const token = (await sys.api.inject({ method: 'POST', url: '/v1/kiosks/k-1/tokens', headers: admin })).json<{ token: string }>().token;
    const wrong = Array.from({ length: 1000 }, () => `cfk_${generateSecret()}`);
    const per = async (headers: (i: number) => Record<string, string>, want: number) => {
      const c0 = process.cpuUsage();
      for (let i = 0; i < n; i++) {
        const res = await sys.api.inject({ url: '/v1/kiosks/k-1', headers: headers(i) });
        if (res.statusCode !== want) throw new Error(`answered ${res.statusCode}, expected ${want}`);
      }
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / n;
    };
    const r = await withOthers(async () => ({ valid: await per(() => ({ authorization: `Bearer ${token}` }), 200), wrong: await per((i) => ({ authorization: `Bearer ${wrong[i % wrong.length]}` }), 401) }));
    out(`   whole request (fastify inject, ${n.toLocaleString('en')} each): kiosk's own GET /v1/kiosks/:id ${r.value.valid.toFixed(0)} µs, with a wrong token (401) ${r.value.wrong.toFixed(0)} µs   (others: ${r.othersPct} % of a core)`);
  } finally {
    await sys.stop();
  }
}

/** A child process that floods GET /v1/kiosks/k-1 with random wrong tokens from `clients` loops for `seconds`; prints how many it sent. */
const FLOODER = `
import { randomBytes } from 'node:crypto';
const [url, clients, seconds] = process.argv.slice(1);
const until = Date.now() + Number(seconds) * 1000;
let sent = 0;
const tok = () => 'cfk_' + randomBytes(32).toString('base64url');
await Promise.all(Array.from({ length: Number(clients) }, async () => {
  while (Date.now() < until) { const r = await fetch(url, { headers: { authorization: 'Bearer ' + tok() } }); await r.arrayBuffer(); if (r.status === 401) sent++; }
}));
process.stdout.write(String(sent));
`;

async function kioskUnderFlood(dir: string, floodS: number): Promise<void> {
  const adminToken = 'bench-admin-token-0123456789';
  const server = await startServerProcess({ CF_DATA_DIR: join(dir, 'flood'), CF_ADMIN_TOKEN: adminToken, CF_HTTP_HOST: '127.0.0.1', CF_MQTT_HOST: '127.0.0.1' });
  const pid = server.child.pid!;
  try {
    const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
    await fetch(`${server.httpUrl}/v1/registry/import`, { method: 'POST', headers: admin, body: JSON.stringify({ stores: [{ id: 'st-1', name: 'One', lat: 51, lon: 0, timeZone: 'Europe/London' }], kiosks: [{ id: 'k-1', storeId: 'st-1', slotCount: 4 }] }) });
    const tok = (await (await fetch(`${server.httpUrl}/v1/kiosks/k-1/tokens`, { method: 'POST', headers: { authorization: admin.authorization } })).json()) as { token: string };
    const kiosk = { authorization: `Bearer ${tok.token}` };
    const url = `${server.httpUrl}/v1/kiosks/k-1`;
    const probe = async (ms: number): Promise<number[]> => {
      const lat: number[] = [];
      const until = performance.now() + ms;
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: kiosk });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`kiosk request answered ${res.status}`);
        lat.push(performance.now() - t0);
      }
      return lat;
    };
    const cpuQuiet0 = cpuMs(pid);
    const quiet = await withOthers(() => probe(floodS * 1000));
    const serverQuietMsPerS = (cpuMs(pid) - cpuQuiet0) / floodS;
    const flooder = spawn(process.execPath, ['--input-type=module', '-e', FLOODER, url, '8', String(floodS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let sentText = '';
    flooder.stdout.on('data', (b: Buffer) => (sentText += b.toString()));
    const flooderDone = new Promise<number | null>((r) => flooder.once('exit', (code) => r(code)));
    const cpu0 = cpuMs(pid);
    const flooded = await withOthers(() => probe(floodS * 1000));
    if ((await flooderDone) !== 0) throw new Error('the flooding process failed');
    const serverFloodMsPerS = (cpuMs(pid) - cpu0) / floodS;
    const refused = Number(sentText);
    // The kiosk's own requests cost the same in both phases (per request); what the flood adds is the rest.
    const kioskMsPerReq = serverQuietMsPerS / Math.max(1, quiet.value.length / floodS);
    const marginalUs = ((serverFloodMsPerS - kioskMsPerReq * (flooded.value.length / floodS)) * 1000) / Math.max(1, refused / floodS);
    out(`2. a kiosk's GET /v1/kiosks/:id over loopback HTTP to a \`chargefleet serve\` child, ${floodS} s each, one client:`);
    out(`   alone             p50 ${median(quiet.value).toFixed(2)} ms, p99 ${pct(quiet.value, 99).toFixed(2)} ms (${quiet.value.length} requests; others ${quiet.othersPct} % of a core)`);
    out(`   with a flood      p50 ${median(flooded.value).toFixed(2)} ms, p99 ${pct(flooded.value, 99).toFixed(2)} ms (${flooded.value.length} requests; others ${flooded.othersPct} % of a core, the flooder among them)`);
    out(`   the flood         ${Math.round(refused / floodS).toLocaleString('en')} wrong-token requests/s (all 401) from 8 clients in another process`);
    out(`   server CPU        ${serverQuietMsPerS.toFixed(0)} ms/s alone, ${serverFloodMsPerS.toFixed(0)} ms/s in the flood: about ${Math.max(0, marginalUs).toFixed(0)} µs per wrong-token request, whole HTTP request included`);
    out('   anchor (issue 9 finding 7, before): a flood of wrong tokens pushed kiosk requests to 330 ms, at 10 ms of scrypt each');
  } finally {
    await server.stop();
  }
}

async function loginTiming(dir: string, n: number): Promise<void> {
  const db = await openDuckDb(join(dir, 'logins.duckdb'));
  const store = new DuckAccountStore(db);
  await store.open();
  const clock = { now: () => Date.now() };
  // No throttle in the way: this measures the answer's timing, not the throttle.
  const throttle = new LoginThrottle({ perAccount: { failures: 1e9, windowMs: 1 }, perAddress: { failures: 1e9, windowMs: 1 }, maxKeys: 1000 });
  const access = new AccessService({ accounts: store, clock, logger, isAdminToken: async () => false, kioskIssuable: async () => true, throttle });
  const admin = new AccountAdmin({ accounts: store, access, clock, logger, storeExists: () => true });
  const by = { role: 'admin', userId: null, storeIds: [], kioskId: null, via: 'token', credentialId: 'admin-token', label: 'bench' } as const;
  const { oneTimePassword } = await admin.addUser(by, { email: 'known@example.com', role: 'operator' });
  await access.login({ email: 'known@example.com', password: oneTimePassword, newPassword: 'correct horse battery staple', address: '127.0.0.1', userAgent: 'bench' });
  const time = async (email: string) => {
    const t0 = performance.now();
    await access.login({ email, password: 'a wrong password entirely', address: '127.0.0.1', userAgent: 'bench' }).catch(() => undefined);
    return performance.now() - t0;
  };
  const r = await withOthers(async () => {
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < n; i++) {
      wrong.push(await time('known@example.com'));
      unknown.push(await time(`nobody-${i}@example.com`));
    }
    return { wrong, unknown };
  });
  const mw = median(r.value.wrong);
  const mu = median(r.value.unknown);
  out(`3. login answer time, ${n} each, interleaved (scrypt N=2^15):`);
  out(`   wrong password    median ${mw.toFixed(1)} ms (min ${Math.min(...r.value.wrong).toFixed(1)}, max ${Math.max(...r.value.wrong).toFixed(1)})`);
  out(`   unknown email     median ${mu.toFixed(1)} ms (min ${Math.min(...r.value.unknown).toFixed(1)}, max ${Math.max(...r.value.unknown).toFixed(1)})`);
  out(`   ratio unknown/wrong ${(mu / mw).toFixed(3)} (target: 1, within noise)   (others: ${r.othersPct} % of a core)`);
  await store.close();
  await db.close();
}
