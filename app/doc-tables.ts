// The README's configuration and error tables are generated from the schema and the catalogue,
// so they cannot drift: `npm run docs` rewrites them, and a test fails when they are stale.
import { ERRORS, type ErrorSpec } from '../domain/errors.ts';
import { LIFETIME, ROLES, SCOPES, type Scope } from '../domain/access-policy.ts';
import { SCHEMA } from './config-schema.ts';
import type { Setting } from './config-schema.ts';

export function configTable(): string {
  const rows = ['| variable | default | meaning |', '|---|---|---|'];
  for (const s of Object.values(SCHEMA) as Setting<unknown>[]) rows.push(`| \`${s.env}\` | ${s.default === undefined ? '(unset)' : `\`${String(s.default)}\``} | ${s.doc} |`);
  return rows.join('\n');
}

export function errorTable(): string {
  const rows = ['| code | HTTP | MQTT 3.1.1 (what a device sees) | meaning |', '|---|---|---|---|'];
  for (const [code, spec] of Object.entries(ERRORS) as [string, ErrorSpec][]) {
    rows.push(`| \`${code}\` | ${spec.status} | ${spec.mqtt311 ?? ''} | ${spec.message}${spec.retryable ? ' (retry later)' : ''} |`);
  }
  return rows.join('\n');
}

/** Who holds each scope (domain/access-policy.ts). */
export function accessTable(): string {
  const rows = [`| scope | what | ${ROLES.join(' | ')} |`, `|---|---|${ROLES.map(() => '---|').join('')}`];
  for (const [scope, spec] of Object.entries(SCOPES) as [Scope, (typeof SCOPES)[Scope]][]) rows.push(`| \`${scope}\` | ${spec.doc} | ${ROLES.map((r) => spec.rules[r]).join(' | ')} |`);
  return rows.join('\n');
}

/** How long each role's credentials live. */
export function lifetimeTable(): string {
  const h = (ms: number | null) => (ms === null ? '-' : ms >= 86_400_000 ? `${ms / 86_400_000} d` : ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`);
  const rows = ['| role | session ends after | or idle for | API token lives at most |', '|---|---|---|---|'];
  for (const r of ROLES) {
    const l = LIFETIME[r];
    rows.push(`| ${r} | ${l.sessionMaxMs === null ? 'no sessions' : h(l.sessionMaxMs)} | ${h(l.sessionIdleMs)} | ${l.tokenMaxMs === null ? 'until revoked' : h(l.tokenMaxMs)} |`);
  }
  return rows.join('\n');
}

export const SECTIONS = { config: configTable, errors: errorTable, access: accessTable, lifetimes: lifetimeTable } as const;

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function renderSections(readme: string): string {
  let out = readme;
  for (const [name, make] of Object.entries(SECTIONS)) {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    out = out.replace(re, (_m, a: string, b: string) => `${a}\n${make()}\n${b}`);
  }
  return out;
}
