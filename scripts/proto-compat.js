#!/usr/bin/env node
// Guards the fleet.v1 device contract: compares proto/fleet/v1/*.proto with the released snapshot
// proto/released/fleet-v1.json and fails (exit 1) on any wire-incompatible change.
//
// Devices in the field keep speaking the released contract for years, so the rules follow the
// protobuf guide's "Updating A Message Type": field and enum numbers are never reused or
// renumbered, a removed number must be `reserved`, and a type may change only within one wire
// family (int32/uint32/int64/uint64/bool, sint32/sint64, fixed32/sfixed32, fixed64/sfixed64,
// string/bytes, bytes/message, enum/int32..uint64). Wire-safe changes that break JSON or code
// (a rename, a compatible retype) print a WARNING and pass.
//
//   node scripts/proto-compat.js             check (npm run proto:check runs this in CI)
//   node scripts/proto-compat.js --release   RELEASE: rewrite the snapshot from the current .proto
//                                            files, as `pbjs -t json -p proto proto/fleet/v1/*.proto`.
//     Run it only when a contract version ships to devices, and commit the snapshot with the
//     release. It refuses when the current contract breaks the old snapshot; --allow-breaking
//     overrides that (only for a contract no device has ever run).
//   --proto-dir DIR   include root holding fleet/v1/*.proto (default: proto)
//   --snapshot FILE   released snapshot (default: proto/released/fleet-v1.json)
// Exit codes: 0 compatible, 1 incompatible, 2 usage or load error.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import protobuf from 'protobufjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function loadCurrent(protoDir) {
  const dir = join(protoDir, 'fleet', 'v1');
  const files = readdirSync(dir).filter((f) => f.endsWith('.proto')).sort().map((f) => join(dir, f));
  const r = new protobuf.Root();
  // Imports are written from the include root ("fleet/v1/header.proto"), as for pbjs -p.
  r.resolvePath = (origin, target) => {
    if (isAbsolute(target) || !origin) return target;
    return join(protoDir, target);
  };
  r.loadSync(files).resolveAll();
  return { root: r, files };
}

function loadSnapshot(file) {
  return protobuf.Root.fromJSON(JSON.parse(readFileSync(file, 'utf8'))).resolveAll();
}

/** Every message and enum, nested ones included, keyed by full name without the leading dot. */
function collect(ns, out = new Map()) {
  for (const obj of ns.nestedArray) {
    if (obj instanceof protobuf.Type || obj instanceof protobuf.Enum) out.set(obj.fullName.slice(1), obj);
    if (obj instanceof protobuf.Namespace) collect(obj, out);
  }
  return out;
}

const pname = (f) => f.protoName ?? f.name;
const kindOf = (t) => (t instanceof protobuf.Enum ? 'enum' : 'message');
const realOneof = (f) => (f.partOf && !f.partOf.isProto3Optional ? f.partOf : null);

function typeOf(f, valueOnly = false) {
  if (f.map && !valueOnly) return { kind: 'map', name: `map<${f.keyType}, ${typeOf(f, true).name}>` };
  const rt = f.resolvedType;
  if (rt) return { kind: kindOf(rt), name: rt.fullName.slice(1) };
  return { kind: 'scalar', name: f.type };
}

// Wire families from the protobuf guide: a change inside one family is read back without error.
const FAMILIES = [
  ['int32', 'uint32', 'int64', 'uint64', 'bool'],
  ['sint32', 'sint64'],
  ['fixed32', 'sfixed32'],
  ['fixed64', 'sfixed64'],
  ['string', 'bytes'],
];
const ENUM_COMPATIBLE = new Set(['int32', 'uint32', 'int64', 'uint64']);

/** 'same' | 'compatible' | 'incompatible' for one value type against another. */
function valueCompat(a, b) {
  if (a.kind === b.kind && a.name === b.name) return 'same';
  const scalarish = (t) => (t.kind === 'scalar' ? t.name : t.kind);
  const x = scalarish(a);
  const y = scalarish(b);
  if (a.kind === 'scalar' && b.kind === 'scalar') return FAMILIES.some((g) => g.includes(x) && g.includes(y)) ? 'compatible' : 'incompatible';
  if ((x === 'enum' && ENUM_COMPATIBLE.has(y)) || (y === 'enum' && ENUM_COMPATIBLE.has(x))) return 'compatible';
  if ((x === 'message' && y === 'bytes') || (x === 'bytes' && y === 'message')) return 'compatible';
  // Another message or another enum: same wire shape perhaps, but a different meaning.
  return 'incompatible';
}

function fieldCompat(f, g) {
  if (!!f.map !== !!g.map) return 'incompatible';
  if (f.map && f.keyType !== g.keyType) return 'incompatible';
  return valueCompat(typeOf(f, true), typeOf(g, true));
}

/** Sorted, merged [lo, hi] number ranges of a reserved list (names left out). */
function ranges(reserved) {
  const rs = (reserved ?? []).filter((r) => typeof r !== 'string').map(([lo, hi]) => [lo, hi]).sort((p, q) => p[0] - q[0]);
  const out = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}
const covered = (merged, [lo, hi]) => merged.some(([a, b]) => a <= lo && hi <= b);
const fmtRange = ([lo, hi]) => (lo === hi ? `${lo}` : `${lo} to ${hi >= 0x1fffffff ? 'max' : hi}`);
const isReserved = (reserved, id) => protobuf.Namespace.isReservedId(reserved, id);

function checkReservations(name, before, after, usedIds, problems) {
  const now = ranges(after.reserved);
  for (const r of ranges(before.reserved)) {
    for (const [id, what] of usedIds) {
      if (id >= r[0] && id <= r[1]) problems.push(`${name}.${what} = ${id}: number ${id} is reserved in the released contract and must never be reused`);
    }
    if (!covered(now, r)) problems.push(`${name}: reservation \`reserved ${fmtRange(r)}\` was dropped; keep it so the number is never reused`);
  }
}

function compareMessage(name, before, after, problems, warnings) {
  const afterById = after.fieldsById;
  for (const f of before.fieldsArray) {
    const label = `${name}.${pname(f)} = ${f.id}`;
    const g = afterById[f.id];
    if (!g) {
      if (isReserved(after.reserved, f.id)) continue;
      const moved = after.fieldsArray.find((x) => pname(x) === pname(f));
      problems.push(`${label}: removed without \`reserved ${f.id}\`` + (moved ? ` (now numbered ${moved.id}; a field number never changes)` : ''));
      continue;
    }
    const compat = fieldCompat(f, g);
    const renamed = pname(f) !== pname(g);
    if (renamed && compat !== 'same') {
      problems.push(`${label}: number ${f.id} reused by ${pname(g)} (${typeOf(g).name}, was ${typeOf(f).name}); a removed number must be reserved, never reused`);
      continue;
    }
    if (compat === 'incompatible') problems.push(`${label}: type changed ${typeOf(f).name} → ${typeOf(g).name}, which is not wire-compatible`);
    if (compat === 'compatible') warnings.push(`${label}: type changed ${typeOf(f).name} → ${typeOf(g).name}; wire-compatible, but values out of range are truncated or reinterpreted and JSON may differ`);
    if (renamed) warnings.push(`${label}: renamed to ${pname(g)}; wire-compatible, but JSON and generated code see a new name`);
    if (f.repeated !== g.repeated && !f.map && !g.map) problems.push(`${label}: label changed ${f.repeated ? 'repeated → singular' : 'singular → repeated'}`);
    if (f.options?.proto3_optional && !g.options?.proto3_optional && !g.repeated && typeOf(g).kind !== 'message') warnings.push(`${label}: no longer \`optional\`; readers lose field presence`);
    if (f.jsonName !== g.jsonName && !renamed) warnings.push(`${label}: json_name changed ${f.jsonName} → ${g.jsonName}; JSON readers break`);
    checkOneof(name, label, f, g, before, problems, warnings);
  }
  const usedIds = after.fieldsArray.map((g) => [g.id, pname(g)]);
  checkReservations(name, before, after, usedIds, problems);
  for (const g of after.fieldsArray) {
    if (!before.fieldsById[g.id] && isReserved(before.reserved ?? [], g.id)) continue; // reported above
    if (!before.fieldsById[g.id] && (before.reserved ?? []).includes(pname(g))) warnings.push(`${name}.${pname(g)} = ${g.id}: the name ${pname(g)} is reserved in the released contract; JSON readers may confuse it with the old field`);
  }
}

// A oneof lets a sender set one member only; moving fields across that line changes what old
// readers keep. Into a brand-new oneof alone is safe; into an existing one is not.
function checkOneof(name, label, f, g, before, problems, warnings) {
  const a = realOneof(f);
  const b = realOneof(g);
  if (!a && !b) return;
  if (a && b) {
    // Safe while the old group stays whole and meets no member of another old oneof (a renamed
    // oneof, or new fields added to it). A field joining from outside is reported on its own.
    const split = a.fieldsArray.some((x) => {
      const now = g.parent.fieldsById[x.id];
      return now && realOneof(now) && realOneof(now) !== b;
    });
    const merged = b.fieldsArray.some((x) => {
      const old = before.fieldsById[x.id];
      return old && realOneof(old) && realOneof(old) !== a;
    });
    if (split || merged) problems.push(`${label}: oneof ${a.name} was ${split ? 'split' : 'merged with another oneof'} (now in oneof ${b.name}); unsafe on the wire`);
    return;
  }
  if (a) {
    problems.push(`${label}: moved out of oneof ${a.name}; new senders may set it beside another member, and old readers drop one`);
    return;
  }
  const others = b.fieldsArray.filter((x) => x.id !== g.id).map((x) => before.fieldsById[x.id]).filter(Boolean);
  if (others.some((x) => realOneof(x))) problems.push(`${label}: moved into existing oneof ${b.name}; unsafe on the wire`);
  else if (others.length > 0) warnings.push(`${label}: moved into new oneof ${b.name} with other existing fields; safe only if no sender ever sets more than one`);
}

function compareEnum(name, before, after, problems) {
  const namesAt = (e, n) => Object.keys(e.values).filter((k) => e.values[k] === n);
  for (const [value, n] of Object.entries(before.values)) {
    const label = `${name}.${value} = ${n}`;
    const now = namesAt(after, n);
    const newNumber = after.values[value];
    if (now.length === 0) {
      if (newNumber !== undefined) problems.push(`${label}: number changed ${n} → ${newNumber}; old senders' ${n} is no longer understood`);
      else if (!isReserved(after.reserved, n)) problems.push(`${label}: value removed without \`reserved ${n}\``);
      continue;
    }
    if (!now.includes(value)) {
      problems.push(`${label}: number ${n} now means ${now.join('/')}; enum numbers are never reused`);
      if (newNumber !== undefined) problems.push(`${label}: number changed ${n} → ${newNumber}`);
    }
  }
  const usedIds = Object.entries(after.values).map(([k, n]) => [n, k]).filter(([n]) => !Object.values(before.values).includes(n));
  checkReservations(name, before, after, usedIds, problems);
}

/** Compares two loaded roots; returns the problems (fail) and warnings (pass). */
export function compareContracts(beforeRoot, afterRoot) {
  const before = collect(beforeRoot);
  const after = collect(afterRoot);
  const problems = [];
  const warnings = [];
  let messages = 0;
  let enums = 0;
  for (const [name, b] of before) {
    const kind = kindOf(b);
    if (kind === 'enum') enums++;
    else messages++;
    const a = after.get(name);
    if (!a) {
      problems.push(`${kind} ${name} removed; devices still send or expect it`);
      continue;
    }
    if (kindOf(a) !== kind) {
      problems.push(`${kind} ${name} is now a ${kindOf(a)}`);
      continue;
    }
    if (kind === 'enum') compareEnum(name, b, a, problems);
    else compareMessage(name, b, a, problems, warnings);
  }
  return { problems, warnings, messages, enums };
}

function release(protoDir, files, snapshot) {
  // Exactly `pbjs -t json -p <dir> <dir>/fleet/v1/*.proto`, run from the include root's parent.
  const cwd = dirname(protoDir);
  const rel = files.map((f) => join(basename(protoDir), 'fleet', 'v1', basename(f)));
  const json = execFileSync(join(root, 'node_modules', '.bin', 'pbjs'), ['-t', 'json', '-p', basename(protoDir), ...rel], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  mkdirSync(dirname(snapshot), { recursive: true });
  writeFileSync(snapshot, json.endsWith('\n') ? json : `${json}\n`);
}

function main() {
  let args;
  try {
    ({ values: args } = parseArgs({
      options: {
        release: { type: 'boolean', default: false },
        'allow-breaking': { type: 'boolean', default: false },
        'proto-dir': { type: 'string', default: join(root, 'proto') },
        snapshot: { type: 'string', default: join(root, 'proto', 'released', 'fleet-v1.json') },
      },
    }));
  } catch (err) {
    console.error(`proto: ${err.message}`);
    return 2;
  }
  const protoDir = resolve(args['proto-dir']);
  const snapshot = resolve(args.snapshot);
  let current;
  let released = null;
  try {
    current = loadCurrent(protoDir);
    if (existsSync(snapshot)) released = loadSnapshot(snapshot);
  } catch (err) {
    console.error(`proto: cannot load the contract: ${err.message}`);
    return 2;
  }
  if (!released && !args.release) {
    console.error(`proto: no released snapshot at ${snapshot}; create it with: node scripts/proto-compat.js --release`);
    return 2;
  }
  const result = released ? compareContracts(released, current.root) : { problems: [], warnings: [], messages: 0, enums: 0 };
  for (const w of result.warnings) console.warn(`proto: WARNING ${w}`);
  if (result.problems.length > 0) {
    console.error(`proto: contract INCOMPATIBLE with released snapshot (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}):`);
    for (const p of result.problems) console.error(`  - ${p}`);
    console.error('proto: add fields with new numbers and `reserved` the numbers of removed ones; never renumber or retype.');
    if (!(args.release && args['allow-breaking'])) return 1;
  }
  if (args.release) {
    release(protoDir, current.files, snapshot);
    const n = collect(loadSnapshot(snapshot));
    console.log(`proto: released snapshot written to ${snapshot} (${[...n.values()].filter((t) => kindOf(t) === 'message').length} messages, ${[...n.values()].filter((t) => kindOf(t) === 'enum').length} enums)`);
    return 0;
  }
  console.log(`proto: contract compatible with released snapshot (${result.messages} messages, ${result.enums} enums checked)`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
