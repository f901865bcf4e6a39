// The fleet registry seam: stores, kiosks, customers, packs and their custody, recalls, holds,
// API tokens, and the ledgers (swaps, commands, custody changes, anomalies).
// The implementation keeps the working set in memory (reads are synchronous: a swap decision must
// take milliseconds while ingest runs) and writes through to durable storage: every mutating
// method resolves only after its transaction committed, and changes memory only after that.
import type { SwapVerdict } from '../domain/eligibility.ts';
import type { CommandStatus, Custody, Customer, Hold, Kiosk, NudgePrefs, PackRecord, Recall, Store, SwapOutcome } from '../domain/fleet-model.ts';

export interface CustomerRecord extends Customer {
  /** Keyed hash (HMAC-SHA256 with the registry's secret pepper) of the customer token; never the token. */
  tokenHash: string;
}

/** A pack with what the registry knows beyond custody. */
export interface PackRow extends PackRecord {
  /** Set when the pack must be pulled: a hot/swelling return, or a recalled lot returned. */
  flag: 'recalled' | 'unsafe' | null;
}

/** The import file (README "Registry import"). Upsert by id; custody given for a pack moves it. */
export interface FleetImport {
  stores?: Store[];
  kiosks?: Kiosk[];
  customers?: (Omit<Customer, 'nudgePrefs' | 'fairUseLimitPer24h' | 'plan' | 'planActive' | 'status' | 'timeZone'> & {
    /** The token printed on the customer's card or QR code; stored only as a keyed hash. */
    token: string;
    status?: Customer['status'];
    plan?: string | null;
    planActive?: boolean;
    fairUseLimitPer24h?: number | null;
    timeZone?: string;
    nudgePrefs?: NudgePrefs;
  })[];
  packs?: (Omit<PackRecord, 'custody'> & { custody?: Custody })[];
  recalls?: { lot: string; reason: string }[];
}

export interface ImportCounts {
  stores: number;
  kiosks: number;
  customers: number;
  packs: number;
  recalls: number;
}

/** What an import wrote (new or changed), and what the file listed exactly as the registry held it. */
export interface ImportResult extends ImportCounts {
  unchanged: ImportCounts;
}

export interface SwapRecord {
  kioskId: string;
  requestId: string;
  customerId: string | null;
  atMs: number;
  verdict: SwapVerdict;
  /** Release command issued for it, when allowed. */
  commandId: string | null;
  expiresAtMs: number | null;
  outcome: SwapOutcome;
  outcomeAtMs: number | null;
}

export type CommandAction =
  | { kind: 'release'; slot: number; packId: string; requestId: string }
  | { kind: 'lock'; slot: number; reason: string }
  | { kind: 'unlock'; slot: number }
  | { kind: 'display'; text: string; seconds: number }
  | { kind: 'reboot' };

export interface CommandRecord {
  commandId: string;
  kioskId: string;
  action: CommandAction;
  status: CommandStatus;
  issuedAtMs: number;
  expiresAtMs: number;
  updatedAtMs: number;
  /** Why it failed or expired, free text. */
  detail: string;
}

export interface CustodyChangeRecord {
  id: number;
  packId: string;
  atMs: number;
  from: Custody | null;
  to: Custody;
  /** What caused it: 'import', 'release', 'insert', 'status', 'admin'. */
  cause: string;
  requestId: string | null;
  commandId: string | null;
}

export interface AnomalyRecord {
  id: number;
  atMs: number;
  kioskId: string | null;
  /** e.g. 'release_unmatched', 'release_after_expiry', 'release_already_done', 'pack_missing'. */
  kind: string;
  commandId: string | null;
  packId: string | null;
  detail: string;
}

/** Identity of a kiosk event, so an event is applied once even when the device resends it. */
export interface EventKey {
  kioskId: string;
  bootId: number;
  seq: number;
}

export interface TokenRecord {
  /** sha256 of the token, hex. Tokens are 32 random bytes, so a plain digest is enough to store. */
  tokenHash: string;
  role: 'kiosk' | 'manager';
  /** The kiosk id, or the manager id. */
  subject: string;
  /** For managers: the stores they may see. */
  storeIds: string[];
  createdAtMs: number;
  revokedAtMs: number | null;
}

export interface SwapQuery {
  kioskId?: string;
  /** Any of these kiosks (a manager's stores); an empty list matches nothing. */
  kioskIds?: readonly string[];
  customerId?: string;
  fromMs: number;
  toMs: number;
  limit: number;
}

export interface FleetRegistry {
  /** Creates tables and loads the working set into memory. */
  open(): Promise<void>;
  close(): Promise<void>;

  // --- import (all or nothing) ---
  /** Validates the whole document first; throws CfError CF_ERR_REGISTRY_IMPORT_INVALID listing every error; else one transaction. */
  importFleet(doc: unknown, atMs: number): Promise<ImportResult>;
  /** The keyed hash the registry stores for a customer token. */
  hashCustomerToken(token: string): string;

  // --- reads (memory) ---
  store(id: string): Store | undefined;
  stores(): Store[];
  kiosk(id: string): Kiosk | undefined;
  kiosks(storeId?: string): Kiosk[];
  customer(id: string): CustomerRecord | undefined;
  customerByToken(token: string): CustomerRecord | undefined;
  pack(id: string): PackRow | undefined;
  /** Every pack, in no particular order (a scan of memory). */
  packs(): Iterable<PackRow>;
  /** Packs whose custody is a slot of this kiosk. */
  packsAtKiosk(kioskId: string): PackRow[];
  /** Packs whose custody is this customer. */
  packsWithCustomer(customerId: string): PackRow[];
  recalls(): Recall[];
  recalledLots(): ReadonlySet<string>;
  /** Holds still active at nowMs. */
  holds(nowMs: number, filter?: { kioskId?: string; customerId?: string; packId?: string }): Hold[];
  swap(kioskId: string, requestId: string): SwapRecord | undefined;
  /** Allowed swaps and first issues of the customer with atMs in [sinceMs, untilMs). */
  countSwaps(customerId: string, sinceMs: number, untilMs: number): number;
  command(commandId: string): CommandRecord | undefined;
  /** Commands at the kiosk still 'issued' or 'acknowledged' (expired or not: the sweeper decides). */
  openCommands(kioskId?: string): CommandRecord[];
  eventApplied(key: EventKey): boolean;
  /** @deprecated API tokens live in the account store (store/accounts.ts); kept for old data. */
  token(tokenHash: string): TokenRecord | undefined;

  // --- reads (storage) ---
  listSwaps(q: SwapQuery): Promise<SwapRecord[]>;
  custodyHistory(packId: string, limit: number): Promise<CustodyChangeRecord[]>;
  /** Newest first; at one kiosk, or at any of a list of kiosks (an empty list matches nothing). */
  listAnomalies(limit: number, kioskId?: string | readonly string[]): Promise<AnomalyRecord[]>;

  // --- writes (durable before they resolve) ---
  /** The decision and its commands in one transaction. A swap already recorded for (kioskId, requestId) is an error. */
  recordDecision(swap: SwapRecord, commands: CommandRecord[], flagPack?: { packId: string; flag: 'recalled' | 'unsafe' }): Promise<void>;
  /**
   * Applies one kiosk event's effects atomically and marks the event applied. Any of: a command's
   * new status, a swap's new outcome, custody moves, a consumed hold, an anomaly.
   */
  applyEvent(key: EventKey, atMs: number, effects: {
    command?: { commandId: string; status: CommandStatus; detail: string };
    swap?: { kioskId: string; requestId: string; outcome: SwapOutcome };
    custody?: { packId: string; to: Custody; cause: string; requestId: string | null; commandId: string | null }[];
    consumeHold?: { packId: string };
    anomaly?: Omit<AnomalyRecord, 'id' | 'atMs'>;
  }): Promise<void>;
  /** Marks the commands expired (and their swaps' outcome expired) in one transaction. */
  expireCommands(commandIds: string[], atMs: number): Promise<void>;
  /** Custody corrections outside events (kiosk status reconciliation, admin). */
  moveCustody(moves: { packId: string; to: Custody; cause: string }[], atMs: number, anomaly?: Omit<AnomalyRecord, 'id' | 'atMs'>): Promise<void>;
  addHold(hold: Hold, atMs: number): Promise<void>;
  addRecall(lot: string, reason: string, atMs: number): Promise<void>;
  /** @deprecated API tokens live in the account store (store/accounts.ts); nothing reads these any more. */
  addToken(t: TokenRecord): Promise<void>;
  /** Replaces a customer's nudge preferences (consent, channel, quiet hours); takes effect at once. CF_ERR_CUSTOMER_NOT_FOUND when unknown. */
  setNudgePrefs(customerId: string, prefs: NudgePrefs, atMs: number): Promise<CustomerRecord>;
}
