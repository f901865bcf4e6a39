// Stands between what a kiosk reports and custody: a status report or an insertion may move a pack
// into a slot only where domain/custody-plausibility.ts finds it plausible. Anything else becomes a
// custody dispute (an anomaly with a reason code): custody stays, and the pack is not handed out
// anywhere until an operator resolves it (POST /v1/anomalies/:id/resolve).
import type { Logger } from 'pino';
import { DEFAULT_PLAUSIBILITY_POLICY, placementVerdict, type PlausibilityPolicy } from '../domain/custody-plausibility.ts';
import { CfError } from '../domain/errors.ts';
import { sameCustody, type Custody } from '../domain/fleet-model.ts';
import type { CustodyDispute, CustodyDisputes, DisputeResolution } from '../store/custody-disputes.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';

export interface PlacementGuardOptions {
  fleet: FleetRegistry;
  disputes: CustodyDisputes;
  logger: Logger;
  policy?: PlausibilityPolicy;
  /**
   * Open disputes one kiosk may raise. Past it, implausible reports are refused and only counted:
   * a kiosk reporting 256 foreign packs per status must not fill the disputes table.
   */
  maxOpenPerKiosk?: number;
  /** Serialises a resolution with the kiosk's own work (SwapService.runForKiosk). */
  runForKiosk<T>(kioskId: string, fn: () => Promise<T>): Promise<T>;
}

export interface StatusMove {
  packId: string;
  to: Custody;
  cause: string;
}

/** How many custody-ledger rows of a pack the rule looks at. */
const HISTORY_ROWS = 8;

export class PlacementGuard {
  readonly counters = { plausible: 0, disputed: 0, repeated: 0, overCap: 0, autoResolved: 0 };
  private readonly log: Logger;
  private readonly policy: PlausibilityPolicy;
  private readonly maxOpenPerKiosk: number;

  constructor(private readonly o: PlacementGuardOptions) {
    this.log = o.logger.child({ component: 'placement' });
    this.policy = o.policy ?? DEFAULT_PLAUSIBILITY_POLICY;
    this.maxOpenPerKiosk = o.maxOpenPerKiosk ?? 64;
  }

  /** A pack with an open dispute is never handed out (the swap service treats it as reserved). */
  readonly isBlocked = (packId: string): boolean => this.o.disputes.isDisputed(packId);

  /** The moves of a status report that are plausible; a dispute is recorded for each of the others. */
  readonly vetStatusMoves = async (kioskId: string, atMs: number, moves: StatusMove[]): Promise<StatusMove[]> => {
    const kept: StatusMove[] = [];
    let swapCustomers: Set<string> | null = null;
    for (const m of moves) {
      if (m.to.kind !== 'slot') {
        kept.push(m);
        continue;
      }
      // Read the swap ledger only when a move needs it, and once per report.
      const customers = async () => (swapCustomers ??= await this.customersInSwap(kioskId, atMs));
      if (await this.vet(kioskId, m.to.slot, m.packId, atMs, 'status', customers)) kept.push(m);
    }
    return kept;
  };

  /** Whether a PackInserted may move the pack into the slot (else a dispute is recorded). */
  readonly vetInsert = (kioskId: string, slot: number, packId: string, atMs: number): Promise<boolean> =>
    this.vet(kioskId, slot, packId, atMs, 'insert', () => this.customersInSwap(kioskId, atMs));

  private async vet(kioskId: string, slot: number, packId: string, atMs: number, via: 'status' | 'insert', customers: () => Promise<Set<string>>): Promise<boolean> {
    const fleet = this.o.fleet;
    const pack = fleet.pack(packId);
    if (!pack) return true; // nothing to move; the registry ignores unknown packs
    const custody = pack.custody;
    // Already disputed here: the report repeats every 30 s. While the registry still has the pack
    // where it had it then, nothing new can be learnt: no new row, no database read. When custody
    // moved meanwhile (a release reported late, after an outage), the claim is judged again below.
    const open = this.o.disputes.openDispute(packId, kioskId);
    if (open && sameCustody(open.registryCustody, custody)) {
      this.counters.repeated++;
      return false;
    }
    const cheap = custody.kind === 'slot' && custody.kioskId === kioskId;
    const facts = {
      nowMs: atMs,
      packId,
      custody,
      kioskId,
      via,
      storeId: fleet.kiosk(kioskId)?.storeId ?? null,
      history: cheap ? [] : (await fleet.custodyHistory(packId, HISTORY_ROWS)).map((h) => ({ atMs: h.atMs, from: h.from, to: h.to, cause: h.cause })),
      customersInSwapHere: cheap || custody.kind !== 'customer' ? new Set<string>() : await customers(),
    };
    const verdict = placementVerdict(facts, this.policy);
    if (verdict.plausible) {
      this.counters.plausible++;
      if (open) {
        // Devices flush their outboxes in any order after an outage: the claim was early, not false.
        await this.o.disputes.resolve(open.id, 'accepted', `plausible once the registry caught up (${verdict.rule})`, atMs);
        this.counters.autoResolved++;
      }
      return true;
    }
    if (open) {
      this.counters.repeated++;
      return false;
    }
    if (this.o.disputes.openCount(kioskId) >= this.maxOpenPerKiosk) {
      this.counters.overCap++;
      return false;
    }
    const d = await this.o.disputes.add({ atMs, kioskId, slot, packId, reason: verdict.reason, registryCustody: custody, detail: verdict.detail });
    this.counters.disputed++;
    this.log.warn({ deviceId: kioskId, anomalyId: d.id, packId, reason: verdict.reason, via }, verdict.detail);
    return false;
  }

  private async customersInSwap(kioskId: string, atMs: number): Promise<Set<string>> {
    const swaps = await this.o.fleet.listSwaps({ kioskId, fromMs: atMs - this.policy.recentWindowMs, toMs: atMs + 1, limit: 1000 });
    // Any recorded request of a known customer, denied or not: the kiosk read their card, so they were here.
    return new Set(swaps.filter((s) => s.customerId !== null).map((s) => s.customerId!));
  }

  /**
   * An operator's answer. 'accepted': the kiosk was right, the pack moves into the slot it reported
   * (cause 'dispute_accepted'). 'dismissed': the registry was right, custody stays. Either way the
   * pack may be handed out again.
   */
  async resolve(id: number, resolution: DisputeResolution, note: string | null, atMs: number): Promise<CustodyDispute> {
    const d = await this.o.disputes.get(id);
    if (!d) throw new CfError('CF_ERR_ANOMALY_NOT_FOUND', `no custody dispute ${id}`);
    return this.o.runForKiosk(d.kioskId, async () => {
      if (d.resolvedAtMs !== null) throw new CfError('CF_ERR_ANOMALY_NOT_OPEN', `anomaly ${id} was already resolved (${d.resolution ?? '?'})`);
      // Move first: if the move is refused (the kiosk or slot no longer exists) the dispute stays open.
      if (resolution === 'accepted') await this.o.fleet.moveCustody([{ packId: d.packId, to: { kind: 'slot', kioskId: d.kioskId, slot: d.slot }, cause: 'dispute_accepted' }], atMs);
      const done = await this.o.disputes.resolve(id, resolution, note, atMs);
      this.log.info({ deviceId: d.kioskId, anomalyId: id, packId: d.packId, resolution }, 'custody dispute resolved');
      return done;
    });
  }
}
