// npm ci needs a lock entry for every optional platform package of @duckdb/node-bindings, but the
// registry this project installs from serves only the linux-x64 builds, so `npm install` leaves the
// others out and `npm ci` then refuses the lock. This adds the missing entries (os/cpu-gated, so
// they are skipped here). Run after `npm install` changes the lock: node scripts/lock-platform-bindings.mjs package-lock.json
import { readFileSync, writeFileSync } from 'node:fs';
const path = process.argv[2];
const lock = JSON.parse(readFileSync(path, 'utf8'));
const add = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm64': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'win32-arm64': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64': { os: ['win32'], cpu: ['x64'] },
};
const version = lock.packages['node_modules/@duckdb/node-bindings'].version;
for (const [plat, spec] of Object.entries(add)) {
  const key = `node_modules/@duckdb/node-bindings-${plat}`;
  if (lock.packages[key]) continue;
  lock.packages[key] = { version, cpu: spec.cpu, ...(spec.libc ? { libc: spec.libc } : {}), license: 'MIT', optional: true, os: spec.os };
}
const sorted = {};
for (const k of Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0))) sorted[k] = lock.packages[k];
lock.packages = sorted;
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log('ok');
