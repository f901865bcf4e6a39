// The `chargefleet` command line. `serve` runs the system; `devices ...` talk to a running server
// over HTTP, because DuckDB allows one writer process.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CfError } from '../domain/errors.ts';
import { loadConfig, SCHEMA, describeConfig, type Config } from './config.ts';
import type { Setting } from './config-schema.ts';

interface Command {
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const apiOptions = {
  api: { type: 'string', description: 'API base URL (default http://CF_HTTP_HOST:CF_HTTP_PORT)' },
  token: { type: 'string', description: 'admin bearer token (default $CF_ADMIN_TOKEN)' },
  json: { type: 'boolean', description: 'print JSON instead of a table' },
} as const;

export const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'chargefleet serve',
    summary: 'Run the broker, the ingest pipeline and the HTTP API (configuration from CF_* variables).',
    options: {},
    run: async () => (await import('./serve.ts')).serve({ demo: false }),
  },
  start: {
    usage: 'chargefleet start',
    summary: 'What `npm start` runs: `serve`, plus a small demo fleet on a fast virtual clock, and where to look.',
    options: {},
    run: async () => (await import('./serve.ts')).serve({ demo: true }),
  },
  sim: {
    usage: 'chargefleet sim [--stores S] [--kiosks-per-store K] [--packs N] [--customers C] [--scenario NAME] [--speed X|max] [--duration 2d] [--nudges off|blanket|personal] [--broker mqtt://H:P --api http://H:P [--token T]]',
    summary: 'Run a simulated fleet over MQTT and HTTP (devices and registry provisioned through the API); a live summary on stderr, a JSON report on stdout. Without --broker/--api it starts an in-process server on a shared virtual clock.',
    options: {
      stores: { type: 'string', description: 'stores (default 3)' },
      'kiosks-per-store': { type: 'string', description: 'kiosks in each store (default 2)' },
      slots: { type: 'string', description: 'slots per kiosk, 1-64 (default 12)' },
      packs: { type: 'string', description: 'packs (default 200)' },
      customers: { type: 'string', description: 'customers (default 75 % of packs)' },
      scenario: { type: 'string', description: 'normal-day, launch-surge, lot-recall, kiosk-outage or bad-network (default normal-day)' },
      speed: { type: 'string', description: 'simulated seconds per second, or max (in-process default max; against --broker default 1 = real time, more replays the last --duration)' },
      duration: { type: 'string', description: 'simulated time to run, e.g. 12h, 2d, 1d12h (default: the scenario\'s)' },
      seed: { type: 'string', description: 'everything random follows from it (default 1)' },
      broker: { type: 'string', description: 'a running server\'s MQTT URL, mqtt://host:port (with --api)' },
      api: { type: 'string', description: 'a running server\'s API URL, http://host:port (with --broker)' },
      token: { type: 'string', description: 'admin bearer token for --api (default $CF_ADMIN_TOKEN)' },
      'id-prefix': { type: 'string', description: 'put in front of every id this run creates (default sim-XXXX-, random)' },
      'data-dir': { type: 'string', description: 'in-process server: keep its data here (default a temp dir, removed at the end)' },
      quiet: { type: 'boolean', description: 'no live summary line' },
      nudges: { type: 'string', description: 'off, blanket or personal (default personal): the server\'s nudge policy in-process; customers\' apps receive nudges and answer them (firmware-sim/README.md)' },
      'nudge-cap': { type: 'string', description: 'nudges per customer in a rolling 24 h (default 2): the in-process server\'s cap, and the report\'s check' },
    },
    run: async (v, pos) => (await import('./serve.ts')).sim(v, pos),
  },
  'devices add': {
    usage: 'chargefleet devices add --kind pack|kiosk|customer --id ID [--api URL] [--token T]',
    summary: 'Provision a device; prints its MQTT user name and password (shown only this once).',
    options: { kind: { type: 'string', description: 'pack, kiosk, or customer (a customer\'s app: its id is the customer id)' }, id: { type: 'string', description: 'device id: 1-64 of A-Z a-z 0-9 . _ -' }, ...apiOptions },
    run: async (v) => {
      if (v.kind !== 'pack' && v.kind !== 'kiosk' && v.kind !== 'customer') throw usageError('--kind must be pack, kiosk or customer');
      if (typeof v.id !== 'string' || v.id === '') throw usageError('--id is required');
      const res = await callApi(v, 'POST', '/v1/devices', { kind: v.kind, id: v.id });
      if (v.json) print(JSON.stringify(res, null, 2));
      else print(`provisioned ${res.kind} ${res.id}\n  MQTT user name: ${res.username}\n  MQTT client id: ${res.id}\n  MQTT password:  ${res.password}\n(the password is shown only this once)`);
      return 0;
    },
  },
  'devices list': {
    usage: 'chargefleet devices list [--kind pack|kiosk|customer] [--limit N] [--api URL] [--token T]',
    summary: 'List provisioned devices with their online state.',
    options: { kind: { type: 'string', description: 'pack, kiosk or customer' }, limit: { type: 'string', description: 'at most N devices (default 100)' }, ...apiOptions },
    run: async (v) => {
      const qs = new URLSearchParams();
      if (typeof v.kind === 'string') qs.set('kind', v.kind);
      if (typeof v.limit === 'string') qs.set('limit', v.limit);
      const res = await callApi(v, 'GET', `/v1/devices?${qs}`);
      if (v.json) print(JSON.stringify(res, null, 2));
      else {
        print(['ID', 'KIND', 'STATE', 'LAST SEEN'].join('\t'));
        for (const d of res.devices as { id: string; kind: string; revoked: boolean; online: boolean; lastSeenAt: string | null }[]) {
          print([d.id, d.kind, d.revoked ? 'revoked' : d.online ? 'online' : 'offline', d.lastSeenAt ?? '-'].join('\t'));
        }
      }
      return 0;
    },
  },
  'devices revoke': {
    usage: 'chargefleet devices revoke ID [--api URL] [--token T]',
    summary: 'Revoke a device: its credentials stop working and it is disconnected at once.',
    options: { ...apiOptions },
    run: async (v, pos) => {
      const id = pos[0];
      if (!id) throw usageError('the device id is required');
      const res = await callApi(v, 'DELETE', `/v1/devices/${encodeURIComponent(id)}`);
      print(v.json ? JSON.stringify(res, null, 2) : `revoked ${res.id} at ${res.revokedAt}`);
      return 0;
    },
  },
  'registry import': {
    usage: 'chargefleet registry import FILE [--api URL] [--token T]',
    summary: 'Import stores, kiosks, customers, packs and recalls from a JSON file (README "Registry import"); a bad file changes nothing and every error is listed.',
    options: { ...apiOptions },
    run: async (v, pos) => {
      const file = pos[0];
      if (!file) throw usageError('the file is required');
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new CfError('CF_ERR_REGISTRY_IMPORT_INVALID', `${file}: ${(err as Error).message}`);
      }
      try {
        const res = await callApi(v, 'POST', '/v1/registry/import', doc);
        print(v.json ? JSON.stringify(res, null, 2) : `imported ${Object.entries(res).map(([k, n]) => `${String(n)} ${k}`).join(', ')}`);
      } catch (err) {
        const details = (err as CfError).details as { errors?: string[] } | undefined;
        if (details?.errors) throw new CfError('CF_ERR_REGISTRY_IMPORT_INVALID', `${file} was not imported (nothing changed):\n  ${details.errors.join('\n  ')}`);
        throw err;
      }
      return 0;
    },
  },
  'kiosks token': {
    usage: 'chargefleet kiosks token KIOSK_ID [--api URL] [--token T]',
    summary: 'Issue an API token scoped to one kiosk (for POST /v1/kiosks/:id/swaps); shown only this once.',
    options: { ...apiOptions },
    run: async (v, pos) => {
      const id = pos[0];
      if (!id) throw usageError('the kiosk id is required');
      const res = await callApi(v, 'POST', `/v1/kiosks/${encodeURIComponent(id)}/tokens`);
      print(v.json ? JSON.stringify(res, null, 2) : `kiosk token for ${String(res.kioskId)} (shown only this once): ${String(res.token)}`);
      return 0;
    },
  },
  config: {
    usage: 'chargefleet config [--markdown]',
    summary: 'Print the effective configuration (secrets redacted), or the settings table as Markdown.',
    options: { markdown: { type: 'boolean', description: 'print the table of every CF_* setting' } },
    run: async (v) => {
      if (v.markdown) {
        print('| variable | default | meaning |\n|---|---|---|');
        for (const s of Object.values(SCHEMA) as Setting<unknown>[]) print(`| \`${s.env}\` | ${s.default === undefined ? '(unset)' : `\`${String(s.default)}\``} | ${s.doc} |`);
      } else print(JSON.stringify(describeConfig(loadConfig()), null, 2));
      return 0;
    },
  },
};

function usageError(msg: string): CfError {
  return new CfError('CF_ERR_HTTP_BAD_REQUEST', msg, { usage: true });
}

function print(line: string): void {
  process.stdout.write(line + '\n');
}

async function callApi(v: Record<string, unknown>, method: string, path: string, body?: unknown): Promise<Record<string, unknown> & { [k: string]: never | unknown }> {
  const config: Config = loadConfig();
  const base = typeof v.api === 'string' ? v.api.replace(/\/$/, '') : `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${config.httpPort}`;
  const token = typeof v.token === 'string' ? v.token : config.adminToken;
  if (!token) throw usageError('an admin token is needed: pass --token or set CF_ADMIN_TOKEN (serve printed one at first start)');
  let res: Response;
  try {
    res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new CfError('CF_ERR_STORE_UNAVAILABLE', `cannot reach the chargefleet API at ${base}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}. Is \`chargefleet serve\` running?`);
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown> & { error?: { code: string; message: string } };
  if (!res.ok) {
    const e = json.error as { code?: string; message?: string; details?: unknown } | undefined;
    throw new CfError((e?.code as never) ?? 'CF_ERR_HTTP_INTERNAL', `${res.status} ${e?.code ?? ''}: ${e?.message ?? res.statusText}`, e?.details);
  }
  return json as never;
}

export function helpText(): string {
  const lines = ['chargefleet: backend for a fleet of smart charger packs and swap kiosks', '', 'Usage:'];
  for (const c of Object.values(COMMANDS)) {
    lines.push(`  ${c.usage}`, `      ${c.summary}`);
    for (const [name, o] of Object.entries(c.options)) lines.push(`      --${name.padEnd(10)} ${o.description}`);
  }
  lines.push('', 'Configuration comes from CF_* environment variables: `chargefleet config --markdown` lists them all.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    print(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const two = `${argv[0]} ${argv[1] ?? ''}`;
  const name = COMMANDS[two] ? two : argv[0]!;
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`chargefleet: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${helpText()}\n`);
    return 2;
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    print(`${cmd.usage}\n  ${cmd.summary}`);
    return 0;
  }
  let parsed;
  try {
    const options = Object.fromEntries(Object.entries(cmd.options).map(([k, o]) => [k, { type: o.type }]));
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`chargefleet ${name}: ${(err as Error).message}\nusage: ${cmd.usage}\n`);
    return 2;
  }
  try {
    return await cmd.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (err) {
    if (err instanceof CfError) {
      process.stderr.write(`chargefleet ${name}: ${err.message}\n`);
      if ((err.details as { usage?: boolean } | undefined)?.usage) process.stderr.write(`usage: ${cmd.usage}\n`);
      return err.code === 'CF_ERR_CONFIG_INVALID' ? 78 : 1;
    }
    throw err;
  }
}
