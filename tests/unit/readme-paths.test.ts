// Every repository path the README names in `code` exists: a newcomer who follows it never looks
// for a file or suite that is not there. Runtime paths ($CF_DATA_DIR/..., ./data), routes (/v1/...),
// topics (with {placeholders}), URLs and package names are not repository paths and are skipped.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** A word that reads as a path inside the repository: segments of name characters, `*` allowed. */
const PATH = /^[A-Za-z0-9_][A-Za-z0-9_.*-]*(\/[A-Za-z0-9_.*-]+)*\/?$|^\.[A-Za-z0-9_-]+\/[A-Za-z0-9_.*/-]+$/;
const FILE_EXT = /\.(ts|js|mjs|json|md|proto|yml|yaml|sh)$/;

/** Paths in `code`, and file names in prose (e.g. "see bench/README.md"). */
export function repoPaths(markdown: string): string[] {
  // Fenced blocks are commands and sample output, run by readme-quickstart.test.ts.
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  const inCode = [...text.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1]!.split(/\s+/)).filter((w) => PATH.test(w) && (w.includes('/') || FILE_EXT.test(w)));
  // In prose only names with a file extension: "(DESIGN.md)", "bench/README.md,". Links' targets stay in.
  const prose = text.replace(/`[^`\n]*`/g, ' ').replace(/https?:\/\/\S+/g, ' ').split(/[\s()[\],;"]+/).map((w) => w.replace(/[.:]+$/, '')).filter((w) => PATH.test(w) && FILE_EXT.test(w));
  return [...new Set([...inCode, ...prose])].sort();
}

function exists(path: string): boolean {
  if (!path.includes('*')) return existsSync(join(ROOT, path)) && (!path.endsWith('/') || statSync(join(ROOT, path)).isDirectory());
  // A glob in the last segment, like proto/fleet/v1/*.proto: at least one match.
  const dir = dirname(path);
  const re = new RegExp(`^${path.slice(dir.length + 1).replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
  return existsSync(join(ROOT, dir)) && readdirSync(join(ROOT, dir)).some((f) => re.test(f));
}

describe('README paths', () => {
  it('finds the kinds of path the README uses', () => {
    const found = repoPaths(readme);
    // A guard on the scanner itself: if it found nothing, the next test would prove nothing.
    expect(found).toEqual(expect.arrayContaining(['tests/integration/readme-quickstart.test.ts', 'proto/fleet/v1/*.proto', 'firmware-sim/', '.ci/run', 'package-lock.json']));
    expect(repoPaths('`GET /v1/packs/:id` `$CF_DATA_DIR/spool/` `./data` `fleet/v1/packs/{packId}/telemetry` `@duckdb/node-api` `http://127.0.0.1:8086` `.proto` `CF_MQTT_PORT`')).toEqual([]);
    expect(repoPaths('`node scripts/x.mjs package-lock.json` `nowhere/at-all.ts` `DESIGN.md`')).toEqual(['DESIGN.md', 'nowhere/at-all.ts', 'package-lock.json', 'scripts/x.mjs']);
    expect(repoPaths('the intended shape (DESIGN.md). Profiles in bench/README.md, and https://example.com/x.md too.')).toEqual(['DESIGN.md', 'bench/README.md']);
  });

  it('names only paths that exist in the repository', () => {
    const missing = repoPaths(readme).filter((p) => !exists(p));
    expect(missing).toEqual([]);
  });
});
