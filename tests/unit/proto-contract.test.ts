// The device contract guard: scripts/proto-compat.js must fail on every wire-breaking edit of
// proto/fleet/v1 against the released snapshot, pass additive ones, and the fields firmware
// teams rely on must stay exactly as they are.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PROTO_ROOT = join(REPO, 'proto');
const SNAPSHOT = join(PROTO_ROOT, 'released', 'fleet-v1.json');
const COMPAT = join(REPO, 'scripts', 'proto-compat.js');
const GEN = join(REPO, 'scripts', 'proto-gen.js');

const tempDirs: string[] = [];
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

interface Edit {
  file: string;
  from: string | RegExp;
  to: string;
}

/** A temp copy of the .proto set with edits applied; returns its include root. */
function protoCopy(edits: Edit[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'cf-proto-contract-'));
  tempDirs.push(dir);
  const includeRoot = join(dir, 'proto');
  cpSync(join(PROTO_ROOT, 'fleet'), join(includeRoot, 'fleet'), { recursive: true });
  for (const e of edits) {
    const path = join(includeRoot, 'fleet', 'v1', e.file);
    const before = readFileSync(path, 'utf8');
    const after = before.replace(e.from, e.to);
    if (after === before) throw new Error(`edit did not apply to ${e.file}: ${String(e.from)}`);
    writeFileSync(path, after);
  }
  return includeRoot;
}

// The scripts' own scratch dirs go under ours, so even a killed run leaves nothing behind.
const scratch = mkdtempSync(join(tmpdir(), 'cf-proto-scratch-'));
tempDirs.push(scratch);

function run(script: string, args: string[]): { status: number | null; out: string } {
  const env = { ...process.env, TMPDIR: scratch };
  const r = spawnSync(process.execPath, [script, ...args], { cwd: REPO, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const OK = /proto: contract compatible with released snapshot \(\d+ messages, \d+ enums checked\)/;

interface Case {
  name: string;
  edits: Edit[];
  exit: 0 | 1;
  expect: RegExp[];
}

const CASES: Case[] = [
  { name: 'unchanged contract passes', edits: [], exit: 0, expect: [OK] },
  {
    name: 'a new field with a new number passes',
    edits: [{ file: 'pack.proto', from: 'optional Location location = 10;', to: 'optional Location location = 10;\n  uint32 cell_count = 11;' }],
    exit: 0,
    expect: [OK],
  },
  {
    name: 'a new message and a new enum value pass',
    edits: [
      { file: 'pack.proto', from: 'PACK_STATE_SLEEP = 6;', to: 'PACK_STATE_SLEEP = 6;\n  PACK_STATE_STORAGE = 7;' },
      { file: 'swap.proto', from: 'message SwapDecision {', to: 'message SwapAck {\n  string request_id = 1;\n}\n\nmessage SwapDecision {' },
    ],
    exit: 0,
    expect: [OK],
  },
  {
    name: 'retype uint32 → string fails',
    edits: [{ file: 'pack.proto', from: 'uint32 voltage_mv = 3;', to: 'string voltage_mv = 3;' }],
    exit: 1,
    expect: [/fleet\.v1\.PackTelemetry\.voltage_mv = 3: type changed uint32 → string/],
  },
  {
    name: 'retype sint32 → int32 fails (zigzag differs)',
    edits: [{ file: 'pack.proto', from: 'sint32 current_ma = 4;', to: 'int32 current_ma = 4;' }],
    exit: 1,
    expect: [/PackTelemetry\.current_ma = 4: type changed sint32 → int32/],
  },
  {
    name: 'retype float → double fails',
    edits: [{ file: 'pack.proto', from: 'float temp_c = 5;', to: 'double temp_c = 5;' }],
    exit: 1,
    expect: [/PackTelemetry\.temp_c = 5: type changed float → double/],
  },
  {
    name: 'retype message → scalar fails',
    edits: [{ file: 'pack.proto', from: 'optional Location location = 10;', to: 'optional uint32 location = 10;' }],
    exit: 1,
    expect: [/PackTelemetry\.location = 10: type changed fleet\.v1\.Location → uint32/],
  },
  {
    name: 'retype uint32 → uint64 passes with a warning',
    edits: [{ file: 'pack.proto', from: 'uint32 cycles = 6;', to: 'uint64 cycles = 6;' }],
    exit: 0,
    expect: [OK, /WARNING fleet\.v1\.PackTelemetry\.cycles = 6: type changed uint32 → uint64; wire-compatible/],
  },
  {
    name: 'removing a field without reserved fails',
    edits: [{ file: 'pack.proto', from: /\n\s*float soh_pct = 7;/, to: '' }],
    exit: 1,
    expect: [/fleet\.v1\.PackTelemetry\.soh_pct = 7: removed without `reserved 7`/],
  },
  {
    name: 'removing a field with its number reserved passes',
    edits: [{ file: 'pack.proto', from: 'float soh_pct = 7;', to: 'reserved 7;\n  reserved "soh_pct";' }],
    exit: 0,
    expect: [OK],
  },
  {
    name: 'reusing a removed number fails',
    edits: [{ file: 'pack.proto', from: 'uint32 cycles = 6;', to: 'string lot_id = 6;' }],
    exit: 1,
    expect: [/PackTelemetry\.cycles = 6: number 6 reused by lot_id \(string, was uint32\)/],
  },
  {
    name: 'renumbering a field fails',
    edits: [{ file: 'pack.proto', from: 'uint32 fault_flags = 9;', to: 'uint32 fault_flags = 11;' }],
    exit: 1,
    expect: [/PackTelemetry\.fault_flags = 9: removed without `reserved 9` \(now numbered 11/],
  },
  {
    name: "changing an enum value's number fails",
    edits: [{ file: 'kiosk.proto', from: 'SLOT_STATE_READY = 3;', to: 'SLOT_STATE_READY = 7;' }],
    exit: 1,
    expect: [/fleet\.v1\.SlotState\.SLOT_STATE_READY = 3: number changed 3 → 7/],
  },
  {
    name: 'removing an enum value without reserved fails',
    edits: [{ file: 'kiosk.proto', from: /\n\s*SLOT_STATE_LOCKED = 5;/, to: '' }],
    exit: 1,
    expect: [/SlotState\.SLOT_STATE_LOCKED = 5: value removed without `reserved 5`/],
  },
  {
    name: 'giving an enum number another name fails',
    edits: [{ file: 'kiosk.proto', from: 'DOOR_STATE_FORCED = 3;', to: 'DOOR_STATE_BREACHED = 3;' }],
    exit: 1,
    expect: [/DoorState\.DOOR_STATE_FORCED = 3: number 3 now means DOOR_STATE_BREACHED/],
  },
  {
    name: 'renaming a field only passes with a JSON warning',
    edits: [{ file: 'pack.proto', from: 'uint32 cycles = 6;', to: 'uint32 cycle_count = 6;' }],
    exit: 0,
    expect: [OK, /WARNING fleet\.v1\.PackTelemetry\.cycles = 6: renamed to cycle_count; wire-compatible, but JSON/],
  },
  {
    name: 'repeated → singular fails',
    edits: [{ file: 'kiosk.proto', from: 'repeated Slot slots = 2;', to: 'Slot slots = 2;' }],
    exit: 1,
    expect: [/KioskStatus\.slots = 2: label changed repeated → singular/],
  },
  {
    name: 'moving a field into an existing oneof fails',
    edits: [{ file: 'kiosk.proto', from: 'message KioskEvent {\n  Header header = 1;\n  oneof event {', to: 'message KioskEvent {\n  oneof event {\n    Header header = 1;' }],
    exit: 1,
    expect: [/KioskEvent\.header = 1: moved into existing oneof event/],
  },
  {
    name: 'moving one field into a new oneof of its own passes',
    edits: [{ file: 'pack.proto', from: 'uint32 fault_flags = 9;', to: 'oneof faults {\n    uint32 fault_flags = 9;\n  }' }],
    exit: 0,
    expect: [OK],
  },
  {
    name: 'moving a field out of a oneof fails',
    edits: [{ file: 'command.proto', from: '    Reboot reboot = 14;\n  }', to: '  }\n  Reboot reboot = 14;' }],
    exit: 1,
    expect: [/KioskCommand\.reboot = 14: moved out of oneof action/],
  },
  {
    name: 'removing a message fails',
    edits: [{ file: 'nudge.proto', from: /^[\s\S]*$/, to: 'syntax = "proto3";\npackage fleet.v1;\n' }],
    exit: 1,
    expect: [/message fleet\.v1\.Nudge removed/],
  },
  {
    name: 'every problem is listed, not only the first',
    edits: [
      { file: 'pack.proto', from: 'uint32 voltage_mv = 3;', to: 'string voltage_mv = 3;' },
      { file: 'kiosk.proto', from: 'uint32 fault_code = 7;', to: 'reserved 8;' },
    ],
    exit: 1,
    expect: [/INCOMPATIBLE with released snapshot \(2 problems\)/, /voltage_mv = 3/, /fleet\.v1\.Slot\.fault_code = 7: removed without `reserved 7`/],
  },
];

describe('proto-compat: the contract against the released snapshot', () => {
  it.each(CASES)('$name', ({ edits, exit, expect: patterns }) => {
    const r = run(COMPAT, ['--proto-dir', protoCopy(edits), '--snapshot', SNAPSHOT]);
    for (const p of patterns) expect(r.out).toMatch(p);
    expect(r.status, r.out).toBe(exit);
    if (exit === 1) expect(r.out).not.toMatch(OK);
  });

  it('passes on the working tree with its defaults', () => {
    const r = run(COMPAT, []);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(OK);
  });

  it('a number reserved in the released snapshot can never come back; --release refuses a breaking change', () => {
    const snapDir = mkdtempSync(join(tmpdir(), 'cf-proto-snap-'));
    tempDirs.push(snapDir);
    const snapshot = join(snapDir, 'fleet-v1.json');
    const reserved = protoCopy([{ file: 'pack.proto', from: 'float soh_pct = 7;', to: 'reserved 7;' }]);
    const released = run(COMPAT, ['--release', '--proto-dir', reserved, '--snapshot', snapshot]);
    expect(released.status, released.out).toBe(0);
    expect(existsSync(snapshot)).toBe(true);

    const reused = protoCopy([{ file: 'pack.proto', from: 'float soh_pct = 7;', to: 'float health_pct = 7;' }]);
    const r = run(COMPAT, ['--proto-dir', reused, '--snapshot', snapshot]);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toMatch(/PackTelemetry\.health_pct = 7: number 7 is reserved in the released contract/);
    expect(r.out).toMatch(/PackTelemetry: reservation `reserved 7` was dropped/);

    const before = readFileSync(snapshot, 'utf8');
    const refused = run(COMPAT, ['--release', '--proto-dir', reused, '--snapshot', snapshot]);
    expect(refused.status, refused.out).toBe(1);
    expect(readFileSync(snapshot, 'utf8')).toBe(before);
  });

  it('a .proto that does not parse is a load error (exit 2), not a pass', () => {
    const broken = protoCopy([{ file: 'header.proto', from: 'uint32 boot_id = 1;', to: 'uint32 boot_id = ;' }]);
    const r = run(COMPAT, ['--proto-dir', broken, '--snapshot', SNAPSHOT]);
    expect(r.status, r.out).toBe(2);
    expect(r.out).toMatch(/cannot load the contract/);
  });
});

// pbjs + pbts take a few seconds a run, many more on a busy 2-core machine.
describe('proto-gen --check: generated code follows the .proto files', { timeout: 180_000 }, () => {
  it('the checked-in proto/gen is in sync', () => {
    const r = run(GEN, ['--check']);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toMatch(/generated code is in sync with \d+ \.proto files/);
  });

  it('fails when a .proto changed and proto/gen was not regenerated, passes once it is', () => {
    const changed = protoCopy([{ file: 'pack.proto', from: 'optional Location location = 10;', to: 'optional Location location = 10;\n  uint32 cell_count = 11;' }]);
    const stale = run(GEN, ['--check', '--proto-dir', changed]);
    expect(stale.status, stale.out).toBe(1);
    expect(stale.out).toMatch(/generated code is out of date/);

    const genDir = join(changed, 'gen');
    expect(run(GEN, ['--proto-dir', changed, '--gen-dir', genDir]).status).toBe(0);
    expect(readdirSync(genDir).sort()).toEqual(['fleet.d.ts', 'fleet.js']);
    const fresh = run(GEN, ['--check', '--proto-dir', changed, '--gen-dir', genDir]);
    expect(fresh.status, fresh.out).toBe(0);
  });
});

describe('the fields firmware teams rely on', () => {
  const dir = join(PROTO_ROOT, 'fleet', 'v1');
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => (origin ? join(PROTO_ROOT, target) : target);
  const files = readdirSync(dir).filter((f) => f.endsWith('.proto')).map((f) => join(dir, f));
  root.loadSync(files, { keepCase: true }).resolveAll();
  const type = (name: string) => root.lookupType(`fleet.v1.${name}`);
  const typeName = (f: protobuf.Field) => (f.resolvedType ? f.resolvedType.fullName.slice(1) : f.type);

  it.each(['PackTelemetry', 'KioskStatus', 'KioskEvent', 'SwapRequest'])('uplink %s has field 1 `Header header`', (name) => {
    const f = type(name).fieldsById[1];
    expect(f?.name).toBe('header');
    expect(f && typeName(f)).toBe('fleet.v1.Header');
    expect(f?.repeated).toBe(false);
    expect(f?.partOf).toBeFalsy();
  });

  // [name, type, number, proto3 optional]
  const FIELDS: Record<string, Array<[string, string, number, boolean?]>> = {
    Header: [['boot_id', 'uint32', 1], ['seq', 'uint64', 2], ['sent_at_ms', 'int64', 3], ['firmware', 'string', 4]],
    PackTelemetry: [
      ['header', 'fleet.v1.Header', 1], ['soc_pct', 'float', 2], ['voltage_mv', 'uint32', 3], ['current_ma', 'sint32', 4],
      ['temp_c', 'float', 5], ['cycles', 'uint32', 6], ['soh_pct', 'float', 7], ['state', 'fleet.v1.PackState', 8],
      ['fault_flags', 'uint32', 9], ['location', 'fleet.v1.Location', 10, true],
    ],
    Slot: [
      ['index', 'uint32', 1], ['state', 'fleet.v1.SlotState', 2], ['pack_id', 'string', 3], ['soc_pct', 'float', 4],
      ['temp_c', 'float', 5], ['charge_current_ma', 'sint32', 6], ['fault_code', 'uint32', 7],
    ],
  };
  const rows = Object.entries(FIELDS).flatMap(([msg, fs]) => fs.map(([name, t, id, optional]) => ({ msg, name, t, id, optional: optional === true })));

  it.each(rows)('$msg.$name is $t = $id', ({ msg, name, t, id, optional }) => {
    const f = type(msg).fieldsById[id];
    expect(f?.name).toBe(name);
    expect(f && typeName(f)).toBe(t);
    expect(f?.repeated).toBe(false);
    expect(f?.options?.proto3_optional === true).toBe(optional);
  });
});
