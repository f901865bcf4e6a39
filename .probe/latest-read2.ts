import { DuckDBInstance } from '@duckdb/node-api';
import { toPackReading } from '../store/duckdb/telemetry-schema.ts';
const inst = await DuckDBInstance.create('/tmp/cf-restart-50M-100k/telemetry.duckdb', { access_mode: 'READ_ONLY', threads: '2' });
const c = await inst.connect();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const lap = (() => { let t = performance.now(), cc = cpu(); return (m: string) => { const n = performance.now(), x = cpu(); console.log(m.padEnd(40), 'wall', Math.round(n - t), 'cpu', Math.round(x - cc)); t = n; cc = x; }; })();
await c.runAndReadAll('SELECT count(*) FROM pack_latest'); lap('warm');
for (let k = 0; k < 2; k++) {
const r1 = await c.runAndReadAll('SELECT * FROM pack_latest'); lap('query no order');
const objs = r1.getRowObjectsJS().map(toPackReading); lap('getRowObjectsJS+map ' + objs.length);
const r2 = await c.runAndReadAll('SELECT * FROM pack_latest'); lap('query no order');
const names = r2.columnNames(); const cols = r2.getColumnsJS(); const n = cols[0]!.length; const out = new Array(n);
for (let i = 0; i < n; i++) { const o: Record<string, unknown> = {}; for (let j = 0; j < names.length; j++) o[names[j]!] = cols[j]![i]; out[i] = toPackReading(o as never); }
lap('getColumnsJS+build ' + out.length);
const r3 = await c.runAndReadAll('SELECT * FROM pack_latest'); lap('query no order');
const rows = r3.getRowsJS(); lap('getRowsJS ' + rows.length);
}
