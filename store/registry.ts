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
  payload: Uint8Array;
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
  listQuarantine(q?: ListQuery & { reason?: string }): Promise<QuarantineRecord[]>;
  countQuarantine(): Promise<number>;
  close(): Promise<void>;
}
