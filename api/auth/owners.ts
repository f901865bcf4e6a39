// Who owns what a request names: a store, a kiosk (its store), a pack (the store of the kiosk or
// back room holding it now), an API token (its user). The access check compares these with the caller.
import type { ResourceOwner } from '../../domain/access-policy.ts';
import type { AccessService } from '../../services/access-service.ts';
import type { FleetRegistry } from '../../store/fleet-registry.ts';
import type { Owners, ResourceKind } from './access.ts';

export function resourceOwners(fleet: FleetRegistry, credentials: Pick<AccessService, 'tokenOwner'>): Owners {
  return {
    resolve(kind: ResourceKind, id: string): ResourceOwner | null {
      switch (kind) {
        case 'store':
          return fleet.store(id) ? { storeIds: [id] } : null;
        case 'kiosk': {
          // A kiosk is itself by id, registered in the fleet or not; its store only when registered.
          const k = fleet.kiosk(id);
          return { kioskId: id, storeIds: k ? [k.storeId] : [] };
        }
        case 'pack': {
          const p = fleet.pack(id);
          if (!p) return null;
          if (p.custody.kind === 'slot') {
            const k = fleet.kiosk(p.custody.kioskId);
            return { kioskId: p.custody.kioskId, storeIds: k ? [k.storeId] : [] };
          }
          // A store's back room (custody convention: warehouseId is the store id; 'central' is no store).
          if (p.custody.kind === 'warehouse' && p.custody.warehouseId && fleet.store(p.custody.warehouseId)) return { storeIds: [p.custody.warehouseId] };
          return {};
        }
        case 'token':
          return credentials.tokenOwner(id);
      }
    },
  };
}
