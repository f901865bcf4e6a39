// Secrets that must not sit in the database file they protect. The customer-token pepper keys the
// HMAC of every card token; kept beside the hashes (as it was, in fleet_settings), a copy of the
// DuckDB file let anyone test card numbers offline. It now comes from CF_TOKEN_PEPPER, or from
// CF_SECRETS_FILE (default $CF_DATA_DIR/secrets.json, mode 0600, created at first start). A data
// dir from before keeps working: its pepper moves from the database to the file on the first start.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CfError } from '../domain/errors.ts';

export interface Secrets {
  /** Keys the HMAC-SHA256 of customer tokens. */
  customerTokenPepper: Buffer;
}

export interface SecretsSource {
  /** CF_TOKEN_PEPPER (hex), when set: nothing is written. */
  envPepperHex?: string | undefined;
  /** The secrets file. */
  file: string;
}

export function secretsFilePath(configured: string | undefined, dataDir: string): string {
  return configured ?? join(dataDir, 'secrets.json');
}

/**
 * Resolves the pepper given the one an older data dir kept in its database (or null). Throws
 * CF_ERR_CONFIG_INVALID when the file is readable by others, or disagrees with the database.
 * Returns what to use; the caller then deletes the database copy.
 */
export function resolvePepper(src: SecretsSource, legacy: Buffer | null): Buffer {
  const fromEnv = src.envPepperHex === undefined ? null : Buffer.from(src.envPepperHex, 'hex');
  const fromFile = fromEnv ? null : readSecretsFile(src.file);
  const chosen = fromEnv ?? fromFile?.customerTokenPepper ?? null;
  if (chosen && legacy && !chosen.equals(legacy)) {
    throw new CfError('CF_ERR_CONFIG_INVALID', `the database still holds a customer-token pepper that differs from ${fromEnv ? 'CF_TOKEN_PEPPER' : src.file}; with it the stored card-token hashes would not verify. Use the pepper the database holds (or remove the secrets file so it moves there).`);
  }
  if (chosen) return chosen;
  // First start: adopt the database's pepper (older data dir) or make one, and write it down first.
  const pepper = legacy ?? randomBytes(32);
  writeSecretsFile(src.file, { customerTokenPepper: pepper });
  return pepper;
}

function readSecretsFile(file: string): Secrets | null {
  if (!existsSync(file)) return null;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new CfError('CF_ERR_CONFIG_INVALID', `${file} is readable by others (mode ${mode.toString(8)}): run chmod 600 on it`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CfError('CF_ERR_CONFIG_INVALID', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  const hex = (parsed as { customerTokenPepper?: unknown }).customerTokenPepper;
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/i.test(hex)) throw new CfError('CF_ERR_CONFIG_INVALID', `${file}: customerTokenPepper must be 64 hex characters`);
  return { customerTokenPepper: Buffer.from(hex, 'hex') };
}

/** Written to a 0600 temp file, fsynced, then renamed: a crash leaves the old file or the new one. */
function writeSecretsFile(file: string, s: Secrets): void {
  const tmp = join(dirname(file), `.secrets-${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify({ customerTokenPepper: s.customerTokenPepper.toString('hex') }, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dirFd = openSync(dirname(file), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
