#!/usr/bin/env node
// Generates proto/gen/fleet.{js,d.ts} from proto/fleet/v1/*.proto with protobufjs-cli.
// With --check, generates into a temp dir and fails when the checked-in code differs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const protoDir = join(root, 'proto', 'fleet', 'v1');
const sources = readdirSync(protoDir).filter((f) => f.endsWith('.proto')).sort().map((f) => join('proto', 'fleet', 'v1', f));
const bin = (name) => join(root, 'node_modules', '.bin', name);

const out = mkdtempSync(join(tmpdir(), 'cf-proto-'));
try {
  const js = join(out, 'fleet.js');
  execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'esm', '--no-beautify', '-p', 'proto', '-o', js, ...sources], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(bin('pbts'), ['-o', join(out, 'fleet.d.ts'), js], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const files = ['fleet.js', 'fleet.d.ts'];
  const genDir = join(root, 'proto', 'gen');
  if (check) {
    const stale = files.filter((f) => {
      try { return readFileSync(join(genDir, f), 'utf8') !== readFileSync(join(out, f), 'utf8'); } catch { return true; }
    });
    if (stale.length > 0) {
      console.error(`proto: generated code is out of date with proto/fleet/v1/*.proto (${stale.join(', ')}). Run: npm run proto:gen`);
      process.exit(1);
    }
    console.log(`proto: generated code is in sync with ${sources.length} .proto files`);
  } else {
    mkdirSync(genDir, { recursive: true });
    for (const f of files) writeFileSync(join(genDir, f), readFileSync(join(out, f)));
    console.log(`proto: wrote proto/gen/${files.join(', proto/gen/')}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
