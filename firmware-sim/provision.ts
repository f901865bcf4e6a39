// Provisioning through the HTTP API with an admin token, as an operator would: one POST /v1/devices
// per device (the password is shown once, and kept in memory for the device's MQTT login), and the
// stores, kiosks, customers (with card tokens the simulator keeps for swap requests) and packs in
// one POST /v1/registry/import.
import type { PackBank } from './pack-bank.ts';
import type { StoreSet } from './fleet-build.ts';
import type { Rng } from './rng.ts';

export interface ApiTarget {
  /** http://host:port, no trailing slash. */
  baseUrl: string;
  /** Admin bearer token. */
  token: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** One JSON call; non-2xx answers become ApiError with the server's error code. */
export async function callApi<T>(api: ApiTarget, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(api.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${api.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    const cause = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
    throw new ApiError(0, 'UNREACHABLE', `cannot reach the API at ${api.baseUrl}: ${cause}`);
  }
  const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; details?: unknown } };
  if (!res.ok) {
    const e = json.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, `${method} ${path}: ${res.status} ${e?.code ?? ''} ${e?.message ?? res.statusText}`.trim(), e?.details);
  }
  return json as T;
}

export interface DeviceToProvision {
  id: string;
  /** customer: the customer's app, which receives their nudges. */
  kind: 'pack' | 'kiosk' | 'customer';
}

/** Provisions every device, `concurrency` requests at a time; returns each device's password. Stops at the first error. */
export async function provisionDevices(api: ApiTarget, devices: readonly DeviceToProvision[], opts: { concurrency?: number; onProgress?: (done: number, of: number) => void } = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let next = 0;
  let failed: unknown = null;
  const worker = async (): Promise<void> => {
    while (next < devices.length && failed === null) {
      const d = devices[next++]!;
      try {
        const res = await callApi<{ id: string; password: string }>(api, 'POST', '/v1/devices', { kind: d.kind, id: d.id });
        out.set(d.id, res.password);
        opts.onProgress?.(out.size, devices.length);
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 16, devices.length)) }, worker));
  if (failed !== null) throw failed;
  return out;
}

/** The registry import document (README "Registry import"). */
export interface RegistryDoc {
  stores: { id: string; name: string; lat: number; lon: number; timeZone: string }[];
  kiosks: { id: string; storeId: string; slotCount: number }[];
  customers: { id: string; token: string; plan: string; timeZone: string; nudgePrefs?: SimNudgePrefs }[];
  packs: { id: string; lot: string; hwRev: string; custody?: { kind: 'slot'; kioskId: string; slot: number } | { kind: 'customer'; customerId: string } | { kind: 'warehouse' } }[];
}

export interface SimNudgePrefs {
  consent: boolean;
  channel: 'mqtt';
  quietHours: { startHour: number; endHour: number };
}

export interface RegistrySource {
  stores: StoreSet;
  /** Wire ids of the kiosks, in fleet order; kiosk k belongs to store floor(k / kiosksPerStore). */
  kioskIds: readonly string[];
  slotsPerKiosk: number;
  customerIds: readonly string[];
  packs: PackBank;
  /** Lot name for a lot index. */
  lotName(lot: number): string;
  timeZone?: string;
  /** Each customer's nudge preferences, when the run registers them. */
  nudgePrefs?: (c: number) => SimNudgePrefs;
}

/** Card tokens, one per customer: random, unique, 26 characters. */
export function customerTokens(count: number, rng: Rng): string[] {
  const hex = (): string => rng.u32().toString(16).padStart(8, '0');
  return Array.from({ length: count }, () => `card-${hex()}-${hex()}-${hex()}`);
}

/** Everything the registry needs to know at the start, custody as the model has it. */
export function registryDoc(src: RegistrySource, tokens: readonly string[]): RegistryDoc {
  const tz = src.timeZone ?? 'Europe/London';
  const b = src.packs;
  const kps = src.stores.kiosksPerStore;
  return {
    stores: src.stores.ids.map((id, s) => ({ id, name: `Store ${s + 1}`, lat: round6(src.stores.lat[s]!), lon: round6(src.stores.lon[s]!), timeZone: tz })),
    kiosks: src.kioskIds.map((id, k) => ({ id, storeId: src.stores.ids[Math.floor(k / kps)]!, slotCount: src.slotsPerKiosk })),
    customers: src.customerIds.map((id, c) => ({ id, token: tokens[c]!, plan: 'unlimited', timeZone: tz, ...(src.nudgePrefs ? { nudgePrefs: src.nudgePrefs(c) } : {}) })),
    packs: b.ids.map((id, i) => {
      const k = b.kiosk[i]!;
      const h = b.holder[i]!;
      const custody =
        k >= 0 ? { kind: 'slot' as const, kioskId: src.kioskIds[k]!, slot: b.slot[i]! }
        : h >= 0 ? { kind: 'customer' as const, customerId: src.customerIds[h]! }
        : { kind: 'warehouse' as const };
      return { id, lot: src.lotName(b.lotOf(i)), hwRev: 'B2', custody };
    }),
  };
}

export async function importRegistry(api: ApiTarget, doc: RegistryDoc): Promise<Record<string, number>> {
  return callApi<Record<string, number>>(api, 'POST', '/v1/registry/import', doc);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
