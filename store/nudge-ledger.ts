// The nudge ledger seam: every nudge and every suppressed nudge with its reasons, its delivery
// outbox (durable before anything is sent, so a restart loses none and repeats none), conversions,
// consent changes, and the per-customer models kept across restarts. Small on purpose: when the
// shared durable log lands, these writes can move onto it behind the same interface.

export type NudgeChannel = 'mqtt' | 'webhook';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'expired' | 'cancelled';

/** What a customer receives: the fleet.v1 Nudge, and (webhook) the opt-out link. */
export interface NudgeMessage {
  nudgeId: string;
  customerId: string;
  packId: string;
  packSocPct: number;
  storeId: string;
  storeName: string;
  kioskId: string;
  /** Null when the pack reported no location. */
  distanceM: number | null;
  chargedPacks: number;
  /** 0 when no pack is held. */
  holdExpiresAtMs: number;
  text: string;
  sentAtMs: number;
  reasons: string[];
  /** Signed link that opts the customer out without a login (webhook channel). */
  optOutUrl: string | null;
}

export interface NudgeRecord {
  nudgeId: string;
  customerId: string;
  packId: string;
  atMs: number;
  policy: 'personal' | 'blanket';
  outcome: 'sent' | 'suppressed';
  /** The first failing rule of a suppression (NO_CONSENT, ..., HOLDOUT); null when sent. */
  reason: string | null;
  /** Every failing rule, or why it fired. */
  reasons: string[];
  holdout: boolean;
  socPct: number;
  /** Expected minutes until the pack is empty; null for the blanket policy. */
  timeToEmptyMin: number | null;
  leadMin: number | null;
  leadBucket: number | null;
  storeId: string | null;
  kioskId: string | null;
  distanceM: number | null;
  chargedPacks: number | null;
  holdPackId: string | null;
  holdUntilMs: number | null;
  channel: NudgeChannel | null;
  text: string | null;
  /** QUIET_HOURS: when it was looked at again. */
  deferredUntilMs: number | null;
  /** The swap that converted it (customer swapped within CF_NUDGE_CONVERSION_H). */
  convertedAtMs: number | null;
  convertedKioskId: string | null;
  convertedRequestId: string | null;
  /** From the outbox; null for suppressed nudges. */
  delivery: DeliveryStatus | null;
  deliveredAtMs: number | null;
  attempts: number;
}

export interface OutboxRow {
  nudgeId: string;
  channel: NudgeChannel;
  message: NudgeMessage;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAtMs: number;
  /** Not worth delivering after this (the hold lapsed, the pack is long flat). */
  expiresAtMs: number;
  lastError: string | null;
}

export interface NudgeQuery {
  customerId?: string;
  outcome?: 'sent' | 'suppressed';
  reason?: string;
  fromMs: number;
  toMs: number;
  limit: number;
}

/** One UTC day of nudges, for the treated customers or the holdout group. */
export interface NudgeDayStats {
  day: string;
  group: 'treated' | 'holdout';
  /** Treated: nudges sent. Holdout: would-be nudges (logged HOLDOUT). */
  sent: number;
  converted: number;
  suppressed: Record<string, number>;
  delivered: number;
  failed: number;
}

export interface ConsentChange {
  customerId: string;
  atMs: number;
  consent: boolean;
  /** 'api' (POST /v1/customers/:id/consent) or 'link' (the signed opt-out link). */
  source: string;
}

export interface NudgeLedger {
  open(): Promise<void>;
  close(): Promise<void>;
  /** The nudge and, when it is to be sent, its outbox row, in one transaction. */
  record(rec: NudgeRecord, outbox: OutboxRow | null): Promise<void>;
  /** Marks nudges converted by a swap; a nudge already converted keeps its first swap. */
  convert(conversions: { nudgeId: string; atMs: number; kioskId: string; requestId: string }[]): Promise<void>;
  /** Pending outbox rows due at nowMs, oldest first. */
  dueOutbox(nowMs: number, limit: number): Promise<OutboxRow[]>;
  /** After an attempt: delivered, failed, expired, or pending again at nextAttemptAtMs. */
  updateOutbox(nudgeId: string, patch: { status: DeliveryStatus; attempts: number; nextAttemptAtMs: number; lastError: string | null; atMs: number }): Promise<void>;
  /** Cancels the customer's undelivered nudges (opt-out); returns how many. */
  cancelPending(customerId: string, atMs: number): Promise<number>;
  list(q: NudgeQuery): Promise<NudgeRecord[]>;
  stats(fromMs: number, toMs: number): Promise<NudgeDayStats[]>;
  /** Sent and holdout nudges since sinceMs, for rebuilding episodes and the cap at start. */
  recent(sinceMs: number): Promise<NudgeRecord[]>;
  saveModels(rows: { customerId: string; bytes: Uint8Array }[], atMs: number): Promise<void>;
  loadModels(): Promise<{ customerId: string; bytes: Uint8Array }[]>;
  savePriors(json: string, atMs: number): Promise<void>;
  loadPriors(): Promise<string | null>;
  recordConsent(c: ConsentChange): Promise<void>;
  consentHistory(customerId: string, limit: number): Promise<ConsentChange[]>;
}
