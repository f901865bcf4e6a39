// Loads the configuration from CF_* environment variables: validated against app/config-schema.ts,
// every error reported at once, then frozen.
import { CfError } from '../domain/errors.ts';
import { SCHEMA, type Config, type ConfigKey, type Setting } from './config-schema.ts';

export { SCHEMA, type Config };

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Record<ConfigKey, unknown>> = {}): Config {
  const errors: string[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const [key, setting] of Object.entries(SCHEMA) as [ConfigKey, Setting<unknown>][]) {
    known.add(setting.env);
    if (key in overrides) {
      out[key] = overrides[key];
      continue;
    }
    const raw = env[setting.env];
    if (raw === undefined || raw === '') {
      out[key] = setting.default;
      continue;
    }
    const parsed = setting.parse(raw);
    if (parsed.ok) out[key] = parsed.value;
    else errors.push(`${setting.env}: ${parsed.error}`);
  }
  // A misspelt setting would otherwise be silently ignored.
  for (const name of Object.keys(env)) {
    if (name.startsWith('CF_') && !known.has(name) && !name.startsWith('CF_TEST_') && !name.startsWith('CF_BENCH_')) {
      const guess = closest(name, [...known]);
      errors.push(`${name}: not a known setting${guess ? ` (did you mean ${guess}?)` : ''}`);
    }
  }
  if ((out.tlsCert === undefined) !== (out.tlsKey === undefined)) errors.push('CF_TLS_CERT and CF_TLS_KEY: set both or neither');
  if (out.nudgeWebhookUrl !== undefined && out.nudgeWebhookSecret === undefined) errors.push('CF_NUDGE_WEBHOOK_SECRET: required with CF_NUDGE_WEBHOOK_URL (the receiver verifies the signature with it)');
  if (errors.length > 0) {
    throw new CfError('CF_ERR_CONFIG_INVALID', `Configuration is invalid:\n  ${errors.join('\n  ')}`, { errors });
  }
  return Object.freeze(out) as Config;
}

/** The configuration with secrets masked, for logs and `chargefleet config`. */
export function describeConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SCHEMA) as [ConfigKey, Setting<unknown>][]) {
    const v = config[key];
    out[setting.env] = setting.secret && v !== undefined ? '<redacted>' : v;
  }
  return out;
}

function closest(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestD = 4;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}
