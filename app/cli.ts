// The `chargefleet` command line. `serve` runs the system; `devices ...` talk to a running server
// over HTTP, because DuckDB allows one writer process. Exit status: 0 done, 1 failed, 2 usage
// error, 78 configuration error (sysexits' EX_CONFIG), like the tools an operator already knows.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CfError } from '../domain/errors.ts';
import { ID_RULE, isValidId } from '../domain/topics.ts';
import { SCENARIO_NAMES, scenario } from '../firmware-sim/scenarios.ts';
import { loadConfig, describeConfig } from './config.ts';
import { callApi } from './cli-api.ts';
import { accessCommands } from './cli-access.ts';
import { UsageError, joinNegativeValues, urlWithScheme, wholeNumber } from './cli-args.ts';
import { configTable } from './doc-tables.ts';
import { VERSION } from './version.ts';

interface Command {
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  /** Most positional arguments the command takes; unset: it checks them itself. */
  maxPositionals?: number;
  /** More lines for `--help` (e.g. the simulator's scenarios). */
  moreHelp?: () => string[];
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** Commands that share a first word, for `chargefleet devices --help`. */
const GROUPS: Record<string, string> = {
  devices: 'Provision pack and kiosk credentials, list devices, rotate or revoke them.',
  registry: 'Load the fleet (stores, kiosks, customers, packs, recalls) into the registry.',
  kiosks: 'Kiosk operations over the API.',
  users: 'Accounts for people: admins, operators and store managers.',
  tokens: 'API tokens for scripts and Prometheus: issue, list, revoke.',
};

const DEVICE_ID_RULE = `device id: ${ID_RULE}`;

const apiOptions = {
  api: { type: 'string', description: 'API URL, e.g. http://127.0.0.1:8080 (default: CF_HTTP_HOST/CF_HTTP_PORT when set, else the running server found in $CF_DATA_DIR/server.json, else 127.0.0.1:8080)' },
  token: { type: 'string', description: 'bearer token: the admin token or an API token (default $CF_ADMIN_TOKEN)' },
  json: { type: 'boolean', description: 'print JSON instead of a table' },
} as const;

export const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'chargefleet serve',
    summary: 'Run the broker, the ingest pipeline and the HTTP API (configuration from CF_* variables).',
    options: {},
    maxPositionals: 0,
    run: async () => (await import('./serve.ts')).serve({ demo: false }),
  },
  start: {
    usage: 'chargefleet start [--small]',
    summary: 'What `npm start` runs: `serve`, plus a demo fleet on a fast virtual clock, and where to look; the log goes to $CF_DATA_DIR/chargefleet.log.',
    options: { small: { type: 'boolean', description: 'a demo of 1 store, 2 kiosks and 24 packs, up in seconds (default: 4 stores, 20 kiosks, 600 packs)' } },
    maxPositionals: 0,
    run: async (v) => (await import('./serve.ts')).serve({ demo: true, small: v.small === true }),
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
    moreHelp: () => ['Scenarios (--scenario NAME):', ...SCENARIO_NAMES.map((n) => `  ${n.padEnd(14)} ${scenario(n).description} (runs ${durationText(scenario(n).durationMs)} unless --duration)`)],
    run: async (v, pos) => {
      // Addresses typed without a scheme are taken as meant; parseSimArgs checks the rest.
      const values = { ...v };
      if (typeof v.api === 'string') values.api = urlWithScheme('--api', v.api, 'http', ['http', 'https']);
      if (typeof v.broker === 'string') values.broker = urlWithScheme('--broker', v.broker, 'mqtt');
      return (await import('./serve.ts')).sim(values, pos);
    },
  },
  'devices add': {
    usage: 'chargefleet devices add --kind pack|kiosk|customer --id ID [--replace] [--api URL] [--token T]',
    summary: 'Provision a device; prints its MQTT user name and password (shown only this once).',
    options: {
      kind: { type: 'string', description: 'pack, kiosk, or customer (a customer\'s app: its id is the customer id)' },
      id: { type: 'string', description: DEVICE_ID_RULE },
      replace: { type: 'boolean', description: 'provision a revoked id again, with new credentials (its old ones never work again)' },
      ...apiOptions,
    },
    maxPositionals: 0,
    run: async (v) => {
      if (v.kind !== 'pack' && v.kind !== 'kiosk' && v.kind !== 'customer') throw usageError('--kind must be pack, kiosk or customer');
      if (typeof v.id !== 'string' || v.id === '') throw usageError('--id is required');
      const id = deviceIdArg(v.id);
      const res = await callApi(v, 'POST', '/v1/devices', { kind: v.kind, id, ...(v.replace ? { replace: true } : {}) });
      print(v.json ? JSON.stringify(res, null, 2) : credentialsText(`${v.replace ? 're-provisioned' : 'provisioned'} ${String(res.kind)} ${String(res.id)}`, res));
      return 0;
    },
  },
  'devices list': {
    usage: 'chargefleet devices list [--kind pack|kiosk|customer] [--limit N] [--cursor ID | --all] [--api URL] [--token T]',
    summary: 'List provisioned devices by id with their online state, a page at a time (the next page\'s command is printed on stderr).',
    options: {
      kind: { type: 'string', description: 'pack, kiosk or customer' },
      limit: { type: 'string', description: 'devices per page, 1-1000 (default 100)' },
      cursor: { type: 'string', description: 'start after this id (the "more:" line gives it)' },
      all: { type: 'boolean', description: 'every page, one after the other' },
      ...apiOptions,
    },
    maxPositionals: 0,
    run: async (v) => {
      if (v.kind !== undefined && v.kind !== 'pack' && v.kind !== 'kiosk' && v.kind !== 'customer') throw usageError('--kind must be pack, kiosk or customer');
      const limit = typeof v.limit === 'string' ? wholeNumber('--limit', v.limit, 1, 1000, ' (page with --cursor or --all)') : 100;
      if (v.all && v.cursor !== undefined) throw usageError('--all starts at the first device: give --all or --cursor, not both');
      type Row = { id: string; kind: string; revoked: boolean; online: boolean; lastSeenAt: string | null };
      let cursor = typeof v.cursor === 'string' ? v.cursor : null;
      const rows: Row[] = [];
      let next: string | null;
      do {
        const qs = new URLSearchParams({ limit: String(limit) });
        if (typeof v.kind === 'string') qs.set('kind', v.kind);
        if (cursor !== null) qs.set('cursor', cursor);
        const res = await callApi(v, 'GET', `/v1/devices?${qs}`);
        rows.push(...(res.devices as Row[]));
        next = (res.nextCursor as string | null) ?? null;
        cursor = next;
      } while (v.all && next !== null);
      if (v.json) print(JSON.stringify({ devices: rows, nextCursor: next }, null, 2));
      else {
        print(['ID', 'KIND', 'STATE', 'LAST SEEN'].join('\t'));
        for (const d of rows) print([d.id, d.kind, d.revoked ? 'revoked' : d.online ? 'online' : 'offline', d.lastSeenAt ?? '-'].join('\t'));
      }
      if (next !== null) {
        const flags = [typeof v.kind === 'string' ? `--kind ${v.kind}` : '', typeof v.limit === 'string' ? `--limit ${limit}` : '', `--cursor ${next}`].filter(Boolean).join(' ');
        process.stderr.write(`more: chargefleet devices list ${flags}   (or --all)\n`);
      }
      return 0;
    },
  },
  'devices rotate': {
    usage: 'chargefleet devices rotate ID [--api URL] [--token T]',
    summary: 'Issue a new MQTT password (shown only this once); the old one stops working and the device is disconnected now.',
    options: { ...apiOptions },
    maxPositionals: 1,
    run: async (v, pos) => {
      const id = deviceIdArg(pos[0]);
      const res = await callApi(v, 'POST', `/v1/devices/${encodeURIComponent(id)}/rotate`);
      print(v.json ? JSON.stringify(res, null, 2) : credentialsText(`new password for ${String(res.kind)} ${String(res.id)}; the old one no longer works`, res));
      return 0;
    },
  },
  'devices revoke': {
    usage: 'chargefleet devices revoke ID [--api URL] [--token T]',
    summary: 'Revoke a device: its credentials stop working and it is disconnected at once.',
    options: { ...apiOptions },
    maxPositionals: 1,
    run: async (v, pos) => {
      const id = deviceIdArg(pos[0]);
      const res = await callApi(v, 'DELETE', `/v1/devices/${encodeURIComponent(id)}`);
      print(v.json ? JSON.stringify(res, null, 2) : `revoked ${res.id} at ${res.revokedAt}`);
      return 0;
    },
  },
  'registry import': {
    usage: 'chargefleet registry import FILE [--api URL] [--token T]',
    summary: 'Import stores, kiosks, customers, packs and recalls from a JSON file (README "Registry import"); a bad file changes nothing and every error is listed.',
    options: { ...apiOptions },
    maxPositionals: 1,
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
        print(v.json ? JSON.stringify(res, null, 2) : importText(file, res));
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
    maxPositionals: 1,
    run: async (v, pos) => {
      const id = pos[0];
      if (!id) throw usageError('the kiosk id is required');
      const res = await callApi(v, 'POST', `/v1/kiosks/${encodeURIComponent(id)}/tokens`);
      print(v.json ? JSON.stringify(res, null, 2) : `kiosk token for ${String(res.kioskId)} (shown only this once): ${String(res.token)}`);
      return 0;
    },
  },
  ...accessCommands({ callApi, print, usageError, apiOptions }),
  config: {
    usage: 'chargefleet config [--markdown]',
    summary: 'Print the effective configuration (secrets redacted), or the settings table as Markdown.',
    options: { markdown: { type: 'boolean', description: 'print the table of every CF_* setting' } },
    maxPositionals: 0,
    run: async (v) => {
      print(v.markdown ? configTable() : JSON.stringify(describeConfig(loadConfig()), null, 2));
      return 0;
    },
  },
};

function usageError(msg: string): UsageError {
  return new UsageError(msg);
}

function deviceIdArg(id: string | undefined): string {
  if (!id) throw usageError('the device id is required');
  if (!isValidId(id)) throw usageError(`"${id}" is not a valid ${DEVICE_ID_RULE}`);
  return id;
}

function print(line: string): void {
  process.stdout.write(line + '\n');
}

function credentialsText(head: string, res: Record<string, unknown>): string {
  return `${head}\n  MQTT user name: ${String(res.username)}\n  MQTT client id: ${String(res.id)}\n  MQTT password:  ${String(res.password)}\n(the password is shown only this once)`;
}

/** "imported 2 stores, 1 pack; unchanged: 3 kiosks", or "unchanged" alone when the file changed nothing. */
function importText(file: string, res: Record<string, unknown>): string {
  const list = (counts: Record<string, unknown>) => Object.entries(counts).filter(([k, n]) => k !== 'unchanged' && Number(n) > 0).map(([k, n]) => `${String(n)} ${Number(n) === 1 ? k.replace(/s$/, '') : k}`).join(', ');
  const changed = list(res);
  const same = list((res.unchanged as Record<string, unknown> | undefined) ?? {});
  if (!changed) return same ? `unchanged: ${file} matches the registry (${same})` : `unchanged: ${file} lists nothing to import`;
  return `imported ${changed}${same ? `; unchanged: ${same}` : ''}`;
}

function durationText(ms: number): string {
  const h = ms / 3_600_000;
  return h % 24 === 0 ? `${h / 24}d` : `${h}h`;
}

export function helpText(): string {
  const lines = ['chargefleet: backend for a fleet of smart charger packs and swap kiosks', '', 'Usage:'];
  for (const c of Object.values(COMMANDS)) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push(
    '',
    '`chargefleet COMMAND --help` lists a command\'s flags; `chargefleet --version` prints the version.',
    'Configuration comes from CF_* environment variables: `chargefleet config --markdown` lists them all.',
    'Exit status: 0 done, 1 failed, 2 usage error, 78 configuration error.',
  );
  return lines.join('\n');
}

function commandHelp(cmd: Command): string {
  const lines = [`usage: ${cmd.usage}`, `  ${cmd.summary}`];
  const opts = Object.entries(cmd.options);
  if (opts.length > 0) {
    lines.push('', 'Flags:');
    const width = Math.max(...opts.map(([name, o]) => name.length + (o.type === 'string' ? 6 : 0)));
    for (const [name, o] of opts) lines.push(`  --${`${name}${o.type === 'string' ? ' VALUE' : ''}`.padEnd(width)}  ${o.description}`);
  }
  const more = cmd.moreHelp?.() ?? [];
  if (more.length > 0) lines.push('', ...more);
  return lines.join('\n');
}

function groupHelp(group: string): string {
  const subs = Object.entries(COMMANDS).filter(([name]) => name.startsWith(`${group} `));
  return [`chargefleet ${group}: ${GROUPS[group] ?? ''}`.trimEnd(), '', 'Usage:', ...subs.flatMap(([, c]) => [`  ${c.usage}`, `      ${c.summary}`]), '', `\`chargefleet ${group} SUBCOMMAND --help\` lists its flags.`].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // `chargefleet config --markdown | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    print(helpText());
    return 0;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    print(`chargefleet ${VERSION}`);
    return 0;
  }
  if (first === undefined) {
    process.stderr.write(`${helpText()}\n`);
    return 2;
  }
  const two = `${first} ${argv[1] ?? ''}`;
  const name = COMMANDS[two] ? two : first;
  const cmd = COMMANDS[name];
  if (!cmd) {
    const isGroup = Object.keys(COMMANDS).some((n) => n.startsWith(`${first} `));
    if (isGroup && (argv[1] === undefined || argv[1] === '--help' || argv[1] === '-h')) {
      // `chargefleet devices --help` explains the group; `chargefleet devices` alone is a usage error.
      if (argv[1] === undefined) {
        process.stderr.write(`chargefleet ${first}: which one?\n\n${groupHelp(first)}\n`);
        return 2;
      }
      print(groupHelp(first));
      return 0;
    }
    process.stderr.write(`chargefleet: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${isGroup ? groupHelp(first) : helpText()}\n`);
    return 2;
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    print(commandHelp(cmd));
    return 0;
  }
  try {
    const options = Object.fromEntries(Object.entries(cmd.options).map(([k, o]) => [k, { type: o.type }]));
    const stringOptions = new Set(Object.entries(cmd.options).filter(([, o]) => o.type === 'string').map(([k]) => k));
    const parsed = parseArgs({ args: joinNegativeValues(rest, stringOptions), options, allowPositionals: true, strict: true });
    if (cmd.maxPositionals !== undefined && parsed.positionals.length > cmd.maxPositionals) {
      throw usageError(`unexpected argument${parsed.positionals.length - cmd.maxPositionals > 1 ? 's' : ''}: ${parsed.positionals.slice(cmd.maxPositionals).join(' ')}`);
    }
    return await cmd.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (err) {
    // node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or incomplete flags.
    const parseError = typeof (err as { code?: unknown }).code === 'string' && ((err as { code: string }).code.startsWith('ERR_PARSE_ARGS_'));
    if (err instanceof UsageError || parseError) {
      process.stderr.write(`chargefleet ${name}: ${(err as Error).message}\nusage: ${cmd.usage}\n(\`chargefleet ${name} --help\` lists every flag)\n`);
      return 2;
    }
    if (err instanceof CfError) {
      process.stderr.write(`chargefleet ${name}: ${err.message}\n`);
      return err.code === 'CF_ERR_CONFIG_INVALID' ? 78 : 1;
    }
    throw err;
  }
}
