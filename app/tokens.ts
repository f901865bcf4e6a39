// Wires the credential services: the admin token check, the account store, who may hold kiosk
// tokens, and revocation of a kiosk's tokens with its device. Used by app/system.ts.
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { AccessService } from '../services/access-service.ts';
import { AccountAdmin } from '../services/account-admin.ts';
import type { AccountStore } from '../store/accounts.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import type { Registry } from '../store/registry.ts';
import { adminTokenCheck } from './admin-token.ts';

export interface Access {
  access: AccessService;
  accounts: AccountAdmin;
}

export async function createAccess(o: { registry: Registry; fleet: FleetRegistry; accounts: AccountStore; adminToken: string | undefined; clock: Clock; logger: Logger }): Promise<Access> {
  const access = new AccessService({
    accounts: o.accounts,
    clock: o.clock,
    logger: o.logger,
    isAdminToken: adminTokenCheck(o.registry, o.adminToken),
    kioskIssuable: async (kioskId) => {
      if (!o.fleet.kiosk(kioskId)) return false;
      const dev = await o.registry.getDevice(kioskId);
      return dev === null || dev.revokedAtMs === null;
    },
  });
  // A kiosk revoked while its tokens were kept elsewhere (or before this check existed) loses them now.
  const kiosks = new Set(o.accounts.tokens().filter((t) => t.kind === 'kiosk' && t.revokedAtMs === null).map((t) => t.kioskId!));
  for (const kioskId of kiosks) {
    const dev = await o.registry.getDevice(kioskId);
    if (dev?.revokedAtMs != null) await access.revokeKioskTokens(kioskId, 'kiosk device revoked');
  }
  const accounts = new AccountAdmin({ accounts: o.accounts, access, clock: o.clock, logger: o.logger, storeExists: (id) => o.fleet.store(id) !== undefined });
  return { access, accounts };
}
