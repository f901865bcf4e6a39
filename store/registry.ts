// The registry seam: devices and their hashed credentials, revocations, settings, quarantine.
// Later issues add stores, kiosks, customers and ledgers beside these.
import type { DeviceKind } from '../domain/topics.ts';

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  createdAtMs: number;
  revokedAtMs: number | null;
}

export interface DeviceCredential extends DeviceRecord {
  /** scrypt hash, as produced by domain/secrets.ts hashSecret(). */
  secretHash: string;
}

export interface QuarantineRecord {
  /** Assigned by the registry. */
  id?: number;
  atMs: number;
  /** Authenticated device, or null when none. */
  deviceId: string | null;
  topic: string;
  /** A CF_ERR_INGEST_* code. */
  reason: string;
  /** Human detail: which field, which range. */
  detail: string;
  /** What is kept of the payload: bounded and redacted (ingest/quarantine-budget.ts). */
  payload: Uint8Array;
  /** Size of the payload as received, when more than `payload` was received. */
  payloadBytes?: number;
  /** sha256 of the kept (redacted) payload, hex. */
  sha256?: string;
}

export interface ListQuery {
  limit?: number;
  /** Cursor: return records after this id (devices) or before this id (quarantine). */
  cursor?: string | number;
}

export interface Registry {
  open(): Promise<void>;
  /** Throws CfError CF_ERR_DEVICE_EXISTS when the id is taken (a revoked id stays taken until reprovisionDevice). */
  addDevice(d: DeviceCredential): Promise<void>;
  /** Replaces the secret of a device that is not revoked. False when there is no such active device. */
  setDeviceSecret(id: string, secretHash: string): Promise<boolean>;
  /**
   * Provisions a revoked id again, on purpose: new secret and creation time, no longer revoked.
   * False (nothing changed) unless the device exists, is revoked and has this kind.
   */
  reprovisionDevice(d: DeviceCredential): Promise<boolean>;
  getDevice(id: string): Promise<DeviceCredential | null>;
  listDevices(q?: ListQuery & { kind?: DeviceKind }): Promise<DeviceRecord[]>;
  /** Returns false when no such device. Revoking twice keeps the first time. */
  revokeDevice(id: string, atMs: number): Promise<boolean>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /** Durable before it resolves: the pipeline acknowledges quarantined messages after this. */
  addQuarantine(records: QuarantineRecord[]): Promise<void>;
  /** Newest first. */
  /** Newest first; with maxBytes, stops once the payloads listed add up to it (always at least one). */
  listQuarantine(q?: ListQuery & { reason?: string; maxBytes?: number }): Promise<QuarantineRecord[]>;
  countQuarantine(): Promise<number>;
  /** Deletes entries received before atMs (CF_QUARANTINE_RETENTION_D); returns how many. */
  expireQuarantine(beforeMs: number): Promise<number>;
  close(): Promise<void>;
}
