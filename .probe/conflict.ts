import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create('/tmp/cf-restart-50M-100k/telemetry.duckdb', { threads: '2' });
const c = await inst.connect();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const lap = (() => { let t = performance.now(), cc = cpu(); return (m: string) => { const n = performance.now(), x = cpu(); console.log(m.padEnd(50), 'wall', Math.round(n - t), 'cpu', Math.round(x - cc)); t = n; cc = x; }; })();
await c.run(`CREATE TEMP TABLE st AS SELECT * EXCLUDE (rk) FROM pack_readings LIMIT 0`); lap('stage');
// 20k new rows (seq beyond history) + 2k repeats of stored ones
await c.run(`INSERT INTO st SELECT 'pack-' || lpad((i % 100000)::VARCHAR, 7, '0'), 1, 100000 + i // 100000, 0, 0, false, 'fw', 1, 1, 1, 1, 1, 1, 1, 0, NULL, NULL, NULL FROM range(20000) t(i)`);
await c.run(`INSERT INTO st SELECT 'pack-' || lpad((i % 100000)::VARCHAR, 7, '0'), 1, i // 100000, 0, 0, false, 'fw', 1, 1, 1, 1, 1, 1, 1, 0, NULL, NULL, NULL FROM range(2000) t(i)`); lap('fill stage 22k');
for (let k = 0; k < 2; k++) {
  await c.run('BEGIN'); 
  const r = await c.run(`INSERT INTO pack_readings SELECT pack_id || '/' || boot_id || '/' || seq, * FROM st ON CONFLICT DO NOTHING`); lap('insert on conflict do nothing: ' + r.rowsChanged);
  await c.run('ROLLBACK'); lap('rollback');
}
await c.run('BEGIN');
await c.run(`DELETE FROM st WHERE seq < 500`);
const r2 = await c.run(`INSERT INTO pack_readings SELECT pack_id || '/' || boot_id || '/' || seq, * FROM st`); lap('plain insert (no conflicts) ' + r2.rowsChanged);
await c.run('ROLLBACK');
const j = JSON.stringify({ packs: Array.from({ length: 20000 }, (_, i) => ({ packId: 'pack-' + String(i % 100000).padStart(7, '0'), bootId: 1, seq: 200000 + i, atMs: 1, receivedAtMs: 2, clockSuspect: false, firmware: 'fw', socPct: 50.5, voltageMv: 3800, currentMa: -5, tempC: 21.5, cycles: 3, sohPct: 97, state: 2, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null })), kiosks: [], events: [] });
lap('build json ' + j.length);
const r3 = await c.runAndReadAll(`SELECT count(*) FROM (SELECT unnest(from_json($1::JSON -> '$.packs', '[{"packId":"VARCHAR","bootId":"UINTEGER","seq":"BIGINT","atMs":"BIGINT","receivedAtMs":"BIGINT","clockSuspect":"BOOLEAN","firmware":"VARCHAR","socPct":"DOUBLE","voltageMv":"UINTEGER","currentMa":"INTEGER","tempC":"DOUBLE","cycles":"UINTEGER","sohPct":"DOUBLE","state":"INTEGER","faultFlags":"UINTEGER","latE7":"INTEGER","lonE7":"INTEGER","accuracyM":"UINTEGER"}]'), recursive := true))`, [j]);
lap('duckdb from_json 20k: ' + String(r3.getRowsJS()[0]));
const t = JSON.parse(j); lap('JS JSON.parse 20k ' + t.packs.length);
