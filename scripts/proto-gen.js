#!/usr/bin/env node
// Generates proto/gen/fleet.{js,d.ts} from proto/fleet/v1/*.proto with protobufjs-cli.
// With --check, generates into a temp dir and fails when the checked-in code differs.
// --proto-dir DIR (include root holding fleet/v1/*.proto, default proto) and --gen-dir DIR
// (default proto/gen) let tests point it at temp copies.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    'proto-dir': { type: 'string', default: join(root, 'proto') },
    'gen-dir': { type: 'string', default: join(root, 'proto', 'gen') },
  },
});
const check = args.check;
// pbjs runs from the include root's parent with relative paths, so imports resolve to the same files.
const includeRoot = resolve(args['proto-dir']);
const cwd = dirname(includeRoot);
const protoDir = join(includeRoot, 'fleet', 'v1');
const sources = readdirSync(protoDir).filter((f) => f.endsWith('.proto')).sort().map((f) => join(basename(includeRoot), 'fleet', 'v1', f));
const bin = (name) => join(root, 'node_modules', '.bin', name);

const out = mkdtempSync(join(tmpdir(), 'cf-proto-'));
try {
  const js = join(out, 'fleet.js');
  execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'esm', '--no-beautify', '-p', basename(includeRoot), '-o', js, ...sources], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(bin('pbts'), ['-o', join(out, 'fleet.d.ts'), js], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  const files = ['fleet.js', 'fleet.d.ts'];
  const genDir = resolve(args['gen-dir']);
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
    console.log(`proto: wrote ${files.map((f) => relative(process.cwd(), join(genDir, f))).join(', ')}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
