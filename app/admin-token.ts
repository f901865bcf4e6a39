// The bootstrap admin token: CF_ADMIN_TOKEN when set; otherwise generated at first start, printed
// once, and only its SHA-256 digest kept in the registry. It is 32 random bytes, so a check is one
// digest compared in constant time: no KDF, so a flood of wrong tokens costs no scrypt (issue 9, 7).
import { createHash, timingSafeEqual } from 'node:crypto';
import { generateSecret, secretFingerprint, tokenDigest, verifySecret } from '../domain/secrets.ts';
import type { Registry } from '../store/registry.ts';

const SETTING = 'admin_token_hash';
const DIGEST_PREFIX = 'sha256:';

/** Returns the new token when one was generated (first start without CF_ADMIN_TOKEN), else null. */
export async function ensureAdminToken(registry: Registry, configured: string | undefined): Promise<string | null> {
  if (configured) return null;
  if (await registry.getSetting(SETTING)) return null;
  const token = `cfadm_${generateSecret()}`;
  await registry.setSetting(SETTING, DIGEST_PREFIX + tokenDigest(token));
  return token;
}

/** True when `token` is the admin token. */
export function adminTokenCheck(registry: Registry, configured: string | undefined): (token: string) => Promise<boolean> {
  if (configured) {
    const want = secretFingerprint(configured);
    return async (token) => timingSafeEqual(secretFingerprint(token), want);
  }
  let stored: Promise<string | null> | null = null;
  let upgrading = false;
  return async (token) => {
    stored ??= registry.getSetting(SETTING).catch((err: unknown) => {
      stored = null; // the registry was unavailable: ask again next time
      throw err;
    });
    const hash = await stored;
    if (!hash) return false;
    if (hash.startsWith(DIGEST_PREFIX)) {
      const want = Buffer.from(hash.slice(DIGEST_PREFIX.length), 'hex');
      const got = createHash('sha256').update(token, 'utf8').digest();
      return want.length === got.length && timingSafeEqual(got, want);
    }
    // A scrypt hash from before tokens were digests: checked once, one at a time, only for tokens
    // shaped like a generated admin token, then replaced by the digest.
    if (upgrading || !/^cfadm_[A-Za-z0-9_-]{43}$/.test(token)) return false;
    upgrading = true;
    try {
      if (!(await verifySecret(token, hash))) return false;
      const digest = DIGEST_PREFIX + tokenDigest(token);
      await registry.setSetting(SETTING, digest);
      stored = Promise.resolve(digest);
      return true;
    } finally {
      upgrading = false;
    }
  };
}
