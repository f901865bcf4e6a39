// The admin bearer token: CF_ADMIN_TOKEN when set; otherwise generated at first start, printed
// once, and only its hash kept in the registry. Verified tokens are cached by fingerprint.
import { timingSafeEqual } from 'node:crypto';
import { generateSecret, hashSecret, secretFingerprint, verifySecret } from '../domain/secrets.ts';
import type { Principal, TokenVerifier } from '../api/auth.ts';
import type { Registry } from '../store/registry.ts';

const SETTING = 'admin_token_hash';

/** Returns the new token when one was generated (first start without CF_ADMIN_TOKEN), else null. */
export async function ensureAdminToken(registry: Registry, configured: string | undefined): Promise<string | null> {
  if (configured) return null;
  if (await registry.getSetting(SETTING)) return null;
  const token = `cfadm_${generateSecret()}`;
  await registry.setSetting(SETTING, await hashSecret(token));
  return token;
}

export function adminTokenVerifier(registry: Registry, configured: string | undefined): TokenVerifier {
  const admin: Principal = { role: 'admin' };
  const configuredFp = configured ? secretFingerprint(configured) : null;
  let cachedFp: Buffer | null = null;
  return async (token) => {
    const fp = secretFingerprint(token);
    if (configuredFp) return timingSafeEqual(fp, configuredFp) ? admin : null;
    if (cachedFp && timingSafeEqual(fp, cachedFp)) return admin;
    const hash = await registry.getSetting(SETTING);
    if (hash && (await verifySecret(token, hash))) {
      cachedFp = fp;
      return admin;
    }
    return null;
  };
}
