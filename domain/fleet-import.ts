// Validation of the registry import file (README "Registry import"): every error found, each with a
// JSON-path-like location, so an operator fixes the whole file in one pass. Pure: the registry's
// current contents come in through `ExistingFleet`.
import type { Custody, CustomerStatus, Kiosk, NudgePrefs, Store, WithdrawReason } from './fleet-model.ts';
import { isValidId } from './topics.ts';

/** A customer line: the token is stored only as a keyed hash; omitted fields keep their value (or the default). */
export interface ImportCustomer {
  id: string;
  token: string;
  status?: CustomerStatus;
  plan?: string | null;
  planActive?: boolean;
  fairUseLimitPer24h?: number | null;
  timeZone?: string;
  nudgePrefs?: NudgePrefs;
}

/** A pack line: custody, when given, moves the pack; a new pack without one goes to the warehouse. */
export interface ImportPack {
  id: string;
  lot: string;
  hwRev: string;
  custody?: Custody;
}

/** The file's shape; store/fleet-registry.ts's FleetImport is the same type seen from the store. */
export interface FleetImportDoc {
  stores?: Store[];
  kiosks?: Kiosk[];
  customers?: ImportCustomer[];
  packs?: ImportPack[];
  recalls?: { lot: string; reason: string }[];
}

/** What the registry already holds, as far as the cross-references need it. */
export interface ExistingFleet {
  hasStore(id: string): boolean;
  kiosk(id: string): { slotCount: number } | undefined;
  hasCustomer(id: string): boolean;
  /** The registry customer holding this token, if any (the registry compares keyed hashes). */
  customerIdByToken(token: string): string | undefined;
  /** Packs the registry has in this kiosk's slots. */
  packsInKiosk(kioskId: string): { packId: string; slot: number }[];
}

export const EMPTY_FLEET: ExistingFleet = {
  hasStore: () => false,
  kiosk: () => undefined,
  hasCustomer: () => false,
  customerIdByToken: () => undefined,
  packsInKiosk: () => [],
};

export type ImportValidation = { ok: true; value: FleetImportDoc } | { ok: false; errors: string[] };

export const MAX_SLOTS = 64;
export const MAX_TOKEN_CHARS = 256;
export const MAX_FAIR_USE_PER_24H = 1000;
const MAX_TEXT_CHARS = 200;
const STATUSES: readonly CustomerStatus[] = ['active', 'suspended'];
const WITHDRAW_REASONS: readonly WithdrawReason[] = ['recalled', 'unsafe', 'worn', 'faulty', 'retired'];
const CUSTODY_FIELDS: Record<Custody['kind'], readonly string[]> = {
  slot: ['kioskId', 'slot'],
  customer: ['customerId'],
  warehouse: ['warehouseId'],
  in_transit: ['to'],
  withdrawn: ['reason'],
  lost: [],
};

const zoneCache = new Map<string, boolean>();
/** IANA zone names as this runtime's Intl knows them (it throws a RangeError on others). */
export function isValidTimeZone(tz: string): boolean {
  let ok = zoneCache.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat(undefined, { timeZone: tz });
      ok = tz !== '';
    } catch {
      ok = false;
    }
    if (zoneCache.size < 10_000) zoneCache.set(tz, ok);
  }
  return ok;
}

type Obj = Record<string, unknown>;

/** Collects errors while reading fields; each reader returns undefined when the value is unusable. */
class Reader {
  readonly errors: string[] = [];
  err(path: string, msg: string): void {
    this.errors.push(`${path}: ${msg}`);
  }
  object(v: unknown, path: string, allowed: readonly string[], required: readonly string[]): Obj | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.err(path, 'must be an object');
      return undefined;
    }
    const o = v as Obj;
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.err(`${path}.${k}`, 'unknown field');
    for (const k of required) if (o[k] === undefined) this.err(`${path}.${k}`, 'is required');
    return o;
  }
  array(o: Obj, key: string): unknown[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.err(key, 'must be an array');
      return [];
    }
    return v;
  }
  text(o: Obj, key: string, path: string, max = MAX_TEXT_CHARS): string | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') this.err(`${path}.${key}`, 'must be a non-empty string');
    else if (v.length > max) this.err(`${path}.${key}`, `must be at most ${max} characters`);
    else return v;
    return undefined;
  }
  id(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && isValidId(v)) return v;
    this.err(`${path}.${key}`, `${JSON.stringify(v)} is not a valid id (1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit)`);
    return undefined;
  }
  number(o: Obj, key: string, path: string, min: number, max: number, integer: boolean): number | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      this.err(`${path}.${key}`, `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${JSON.stringify(v)}`);
      return undefined;
    }
    return v;
  }
  bool(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.err(`${path}.${key}`, 'must be true or false');
    return typeof v === 'boolean' ? v : undefined;
  }
  oneOf<T extends string>(o: Obj, key: string, path: string, allowed: readonly T[]): T | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.err(`${path}.${key}`, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(v)}`);
    return undefined;
  }
  timeZone(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && isValidTimeZone(v)) return v;
    this.err(`${path}.${key}`, `${JSON.stringify(v)} is not a time zone (use an IANA name such as "Europe/London")`);
    return undefined;
  }
}

/** Validates the document against itself and the registry. Lists every error; imports nothing on any. */
export function validateFleetImport(doc: unknown, existing: ExistingFleet = EMPTY_FLEET): ImportValidation {
  const r = new Reader();
  const root = r.object(doc, '(root)', ['stores', 'kiosks', 'customers', 'packs', 'recalls'], []);
  if (!root) return { ok: false, errors: r.errors };
  const out = { stores: [] as Store[], kiosks: [] as Kiosk[], customers: [] as ImportCustomer[], packs: [] as ImportPack[], recalls: [] as { lot: string; reason: string }[] };
  const firstIndex = (section: string) => {
    const seen = new Map<string, number>();
    return (key: string | undefined, i: number, path: string, what = 'id'): void => {
      if (key === undefined) return;
      const first = seen.get(key);
      if (first !== undefined) r.err(path, `duplicate ${what} "${key}" (also ${section}[${first}])`);
      else seen.set(key, i);
    };
  };

  const storeIds = new Set<string>();
  const dupStore = firstIndex('stores');
  r.array(root, 'stores').forEach((v, i) => {
    const p = `stores[${i}]`;
    const o = r.object(v, p, ['id', 'name', 'lat', 'lon', 'timeZone'], ['id', 'name', 'lat', 'lon', 'timeZone']);
    if (!o) return;
    const id = r.id(o, 'id', p);
    dupStore(id, i, `${p}.id`);
    if (id) storeIds.add(id);
    const name = r.text(o, 'name', p);
    const lat = r.number(o, 'lat', p, -90, 90, false);
    const lon = r.number(o, 'lon', p, -180, 180, false);
    const timeZone = r.timeZone(o, 'timeZone', p);
    if (id && name !== undefined && lat !== undefined && lon !== undefined && timeZone) out.stores.push({ id, name, lat, lon, timeZone });
  });

  const fileKiosks = new Map<string, { slotCount: number | undefined; index: number }>();
  const dupKiosk = firstIndex('kiosks');
  r.array(root, 'kiosks').forEach((v, i) => {
    const p = `kiosks[${i}]`;
    const o = r.object(v, p, ['id', 'storeId', 'slotCount'], ['id', 'storeId', 'slotCount']);
    if (!o) return;
    const id = r.id(o, 'id', p);
    dupKiosk(id, i, `${p}.id`);
    const storeId = r.id(o, 'storeId', p);
    if (storeId && !storeIds.has(storeId) && !existing.hasStore(storeId)) r.err(`${p}.storeId`, `store "${storeId}" is neither in the file nor in the registry`);
    const slotCount = r.number(o, 'slotCount', p, 1, MAX_SLOTS, true);
    if (id && !fileKiosks.has(id)) fileKiosks.set(id, { slotCount, index: i });
    if (id && storeId && slotCount !== undefined) out.kiosks.push({ id, storeId, slotCount });
  });

  const customerIds = new Set<string>();
  const dupCustomer = firstIndex('customers');
  const dupToken = new Map<string, number>();
  const customerLines: { id: string; token: string; path: string }[] = [];
  r.array(root, 'customers').forEach((v, i) => {
    const p = `customers[${i}]`;
    const fields = ['id', 'token', 'status', 'plan', 'planActive', 'fairUseLimitPer24h', 'timeZone', 'nudgePrefs'];
    const o = r.object(v, p, fields, ['id', 'token']);
    if (!o) return;
    const id = r.id(o, 'id', p);
    dupCustomer(id, i, `${p}.id`);
    if (id) customerIds.add(id);
    let token: string | undefined;
    if (o['token'] !== undefined) {
      if (typeof o['token'] !== 'string' || o['token'] === '') r.err(`${p}.token`, 'must be a non-empty string');
      else if (o['token'].length > MAX_TOKEN_CHARS) r.err(`${p}.token`, `must be at most ${MAX_TOKEN_CHARS} characters`);
      else token = o['token'];
    }
    if (token !== undefined) {
      // Never echo the token itself: error lists end up in logs and HTTP answers.
      const first = dupToken.get(token);
      if (first !== undefined) r.err(`${p}.token`, `same token as customers[${first}]`);
      else dupToken.set(token, i);
      if (id) customerLines.push({ id, token, path: `${p}.token` });
    }
    const c: ImportCustomer = { id: id ?? '', token: token ?? '' };
    const status = r.oneOf(o, 'status', p, STATUSES);
    if (status) c.status = status;
    if (o['plan'] === null) c.plan = null;
    else {
      const plan = r.text(o, 'plan', p);
      if (plan !== undefined) c.plan = plan;
    }
    const planActive = r.bool(o, 'planActive', p);
    if (planActive !== undefined) c.planActive = planActive;
    if (o['fairUseLimitPer24h'] === null) c.fairUseLimitPer24h = null;
    else {
      const limit = r.number(o, 'fairUseLimitPer24h', p, 0, MAX_FAIR_USE_PER_24H, true);
      if (limit !== undefined) c.fairUseLimitPer24h = limit;
    }
    const tz = r.timeZone(o, 'timeZone', p);
    if (tz) c.timeZone = tz;
    if (o['nudgePrefs'] !== undefined) {
      const prefs = nudgePrefs(r, o['nudgePrefs'], `${p}.nudgePrefs`);
      if (prefs) c.nudgePrefs = prefs;
    }
    if (id && token !== undefined) out.customers.push(c);
  });
  for (const line of customerLines) {
    const holder = existing.customerIdByToken(line.token);
    // A holder that is itself in the file gets the file's token, so it frees its old one.
    if (holder !== undefined && holder !== line.id && !customerIds.has(holder)) r.err(line.path, `already belongs to customer "${holder}" in the registry`);
  }

  // null: the kiosk is in the file but its slotCount is itself in error (reported there).
  const slotCountOf = (kioskId: string): number | null | undefined => {
    const f = fileKiosks.get(kioskId);
    return f ? (f.slotCount ?? null) : existing.kiosk(kioskId)?.slotCount;
  };
  const movedByFile = new Set<string>();
  const dupPack = firstIndex('packs');
  const slotTaken = new Map<string, { index: number; packId: string }>();
  const slotClaims: { packId: string; kioskId: string; slot: number; path: string }[] = [];
  r.array(root, 'packs').forEach((v, i) => {
    const p = `packs[${i}]`;
    const o = r.object(v, p, ['id', 'lot', 'hwRev', 'custody'], ['id', 'lot', 'hwRev']);
    if (!o) return;
    const id = r.id(o, 'id', p);
    dupPack(id, i, `${p}.id`);
    const lot = r.text(o, 'lot', p, 64);
    const hwRev = r.text(o, 'hwRev', p, 64);
    let custody: Custody | undefined;
    if (o['custody'] !== undefined) {
      custody = custodyOf(r, o['custody'], `${p}.custody`);
      if (id) movedByFile.add(id);
    }
    if (custody?.kind === 'slot') {
      const count = slotCountOf(custody.kioskId);
      if (count === undefined) r.err(`${p}.custody.kioskId`, `kiosk "${custody.kioskId}" is neither in the file nor in the registry`);
      else if (count !== null && custody.slot >= count) r.err(`${p}.custody.slot`, `kiosk "${custody.kioskId}" has ${count} slots (0-${count - 1}), got ${custody.slot}`);
      const key = `${custody.kioskId}#${custody.slot}`;
      const first = slotTaken.get(key);
      if (first !== undefined) r.err(`${p}.custody`, `slot ${custody.slot} of kiosk "${custody.kioskId}" is also given to packs[${first.index}] ("${first.packId}")`);
      else if (id) slotTaken.set(key, { index: i, packId: id });
      if (id) slotClaims.push({ packId: id, kioskId: custody.kioskId, slot: custody.slot, path: `${p}.custody` });
    }
    if (custody?.kind === 'customer' && !customerIds.has(custody.customerId) && !existing.hasCustomer(custody.customerId)) {
      r.err(`${p}.custody.customerId`, `customer "${custody.customerId}" is neither in the file nor in the registry`);
    }
    if (id && lot !== undefined && hwRev !== undefined) out.packs.push(custody ? { id, lot, hwRev, custody } : { id, lot, hwRev });
  });

  // Registry packs the file leaves where they are still occupy their slots.
  const staying = (kioskId: string) => existing.packsInKiosk(kioskId).filter((e) => !movedByFile.has(e.packId));
  for (const claim of slotClaims) {
    const other = staying(claim.kioskId).find((e) => e.slot === claim.slot && e.packId !== claim.packId);
    if (other) r.err(claim.path, `slot ${claim.slot} of kiosk "${claim.kioskId}" holds pack "${other.packId}" in the registry, and the file does not move it`);
  }
  for (const [kioskId, k] of fileKiosks) {
    if (k.slotCount === undefined) continue;
    for (const e of staying(kioskId)) {
      if (e.slot >= k.slotCount) r.err(`kiosks[${k.index}].slotCount`, `pack "${e.packId}" sits in slot ${e.slot} of this kiosk in the registry; move it in the same file or keep ${e.slot + 1} slots`);
    }
  }

  const dupLot = firstIndex('recalls');
  r.array(root, 'recalls').forEach((v, i) => {
    const p = `recalls[${i}]`;
    const o = r.object(v, p, ['lot', 'reason'], ['lot', 'reason']);
    if (!o) return;
    const lot = r.text(o, 'lot', p, 64);
    dupLot(lot, i, `${p}.lot`, 'lot');
    const reason = r.text(o, 'reason', p, 500);
    if (lot !== undefined && reason !== undefined) out.recalls.push({ lot, reason });
  });

  return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, value: out };
}

function nudgePrefs(r: Reader, v: unknown, path: string): NudgePrefs | undefined {
  const o = r.object(v, path, ['consent', 'channel', 'quietHours'], ['consent']);
  if (!o) return undefined;
  const consent = r.bool(o, 'consent', path);
  const channel = r.oneOf(o, 'channel', path, ['mqtt', 'webhook'] as const);
  let quietHours: NudgePrefs['quietHours'];
  if (o['quietHours'] !== undefined) {
    const qp = `${path}.quietHours`;
    const q = r.object(o['quietHours'], qp, ['startHour', 'endHour'], ['startHour', 'endHour']);
    const startHour = q && r.number(q, 'startHour', qp, 0, 23, true);
    const endHour = q && r.number(q, 'endHour', qp, 0, 23, true);
    if (startHour !== undefined && endHour !== undefined) quietHours = { startHour, endHour };
  }
  if (consent === undefined) return undefined;
  return { consent, ...(channel ? { channel } : {}), ...(quietHours ? { quietHours } : {}) };
}

function custodyOf(r: Reader, v: unknown, path: string): Custody | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    r.err(path, 'must be an object');
    return undefined;
  }
  const kind = r.oneOf(v as Obj, 'kind', path, Object.keys(CUSTODY_FIELDS) as Custody['kind'][]);
  if ((v as Obj)['kind'] === undefined) r.err(`${path}.kind`, 'is required');
  if (!kind) return undefined;
  const fields = CUSTODY_FIELDS[kind];
  const required = kind === 'slot' || kind === 'customer' || kind === 'withdrawn' ? fields : [];
  const o = r.object(v, path, ['kind', ...fields], required);
  if (!o) return undefined;
  switch (kind) {
    case 'slot': {
      const kioskId = r.id(o, 'kioskId', path);
      const slot = r.number(o, 'slot', path, 0, MAX_SLOTS - 1, true);
      return kioskId && slot !== undefined ? { kind, kioskId, slot } : undefined;
    }
    case 'customer': {
      const customerId = r.id(o, 'customerId', path);
      return customerId ? { kind, customerId } : undefined;
    }
    case 'warehouse': {
      const warehouseId = r.id(o, 'warehouseId', path);
      return o['warehouseId'] === undefined ? { kind } : warehouseId ? { kind, warehouseId } : undefined;
    }
    case 'in_transit': {
      const to = r.id(o, 'to', path);
      return o['to'] === undefined ? { kind } : to ? { kind, to } : undefined;
    }
    case 'withdrawn': {
      const reason = r.oneOf(o, 'reason', path, WITHDRAW_REASONS);
      return reason ? { kind, reason } : undefined;
    }
    case 'lost':
      return { kind };
  }
}
