// Secrets the system makes for itself live outside the database file (DESIGN "Storage"): a random
// key in $CF_DATA_DIR/secrets/<name>.key, mode 0600 in a 0700 directory, made at first start.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The configured secret, or the key file's content (created with 32 random bytes when missing). */
export function secretFromFile(dataDir: string, name: string, configured: string | undefined): string {
  if (configured) return configured;
  const dir = join(dataDir, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = join(dir, `${name}.key`);
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (key.length >= 32) return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32).toString('base64url');
  // 'wx' fails when another process made it first: then read theirs.
  try {
    writeFileSync(path, key + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readFileSync(path, 'utf8').trim();
  }
  return key;
}
