// Summarises a V8 .cpuprofile (from `node --cpu-prof` or the inspector): self time per function
// and per file/package, top first. `npm run bench -- cpuprofile FILE [--top 30]`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  selfMs: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time not idle (program, GC, functions). */
  busyMs: number;
  byFunction: ProfileRow[];
  byFile: ProfileRow[];
}

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const i = url.indexOf('/work/main/');
  if (i >= 0) return url.slice(i + '/work/main/'.length);
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string): string {
  const s = shortUrl(url);
  if (s.startsWith('node:')) return s;
  const parts = s.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : s;
}

export function summariseProfile(file: string): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  for (const n of p.nodes) byId.set(n.id, n);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    // timeDeltas[i] is the time before sample i; attribute the gap after it to it, like DevTools.
    const dt = p.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    total += us;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    const name = `${functionName || '(anonymous)'} ${shortUrl(url)}${url ? `:${lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const f = url ? packageOf(url) : functionName;
    files.set(f, (files.get(f) ?? 0) + us);
  }
  const busy = total - idle;
  const rows = (m: Map<string, number>): ProfileRow[] =>
    [...m.entries()].map(([name, us]) => ({ name, selfMs: us / 1000, pct: busy > 0 ? (us / busy) * 100 : 0 })).sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: total / 1000, busyMs: busy / 1000, byFunction: rows(fn), byFile: rows(files) };
}

export function formatProfileSummary(s: ProfileSummary, top = 25): string {
  const lines = [`  main thread: ${s.totalMs.toFixed(0)} ms profiled, ${s.busyMs.toFixed(0)} ms busy (${s.totalMs > 0 ? ((s.busyMs / s.totalMs) * 100).toFixed(0) : 0} %); % below are of busy time`];
  lines.push('  self ms   %     function');
  for (const r of s.byFunction.slice(0, top)) lines.push(`  ${r.selfMs.toFixed(0).padStart(7)} ${r.pct.toFixed(1).padStart(5)}  ${r.name}`);
  lines.push('  by package / file:');
  for (const r of s.byFile.slice(0, Math.min(15, top))) lines.push(`  ${r.selfMs.toFixed(0).padStart(7)} ${r.pct.toFixed(1).padStart(5)}  ${r.name}`);
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
  if (positionals.length === 0) {
    process.stdout.write('usage: npm run bench -- cpuprofile FILE.cpuprofile [--top 30]\n');
    return 2;
  }
  for (const f of positionals) process.stdout.write(`${f}\n${formatProfileSummary(summariseProfile(f), Number(values.top) || 30)}\n`);
  return 0;
}
