// Bearer tokens: the admin token, and kiosk- or manager-scoped tokens kept hashed in the fleet registry.
import { createHash } from 'node:crypto';
import type { Principal, TokenVerifier } from '../api/auth.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';

export function fleetTokenVerifier(fleet: FleetRegistry): TokenVerifier {
  return async (token) => {
    const rec = fleet.token(createHash('sha256').update(token).digest('hex'));
    if (!rec || rec.revokedAtMs !== null) return null;
    const p: Principal = rec.role === 'kiosk' ? { role: 'kiosk', kioskId: rec.subject } : { role: 'manager', managerId: rec.subject, storeIds: rec.storeIds };
    return p;
  };
}

/** The first verifier that recognises the token wins. */
export function anyOf(...verifiers: TokenVerifier[]): TokenVerifier {
  return async (token) => {
    for (const v of verifiers) {
      const p = await v(token);
      if (p) return p;
    }
    return null;
  };
}
