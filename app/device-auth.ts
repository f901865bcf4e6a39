// Device authentication for the broker and device administration for the API, over the registry.
// Verified secrets are cached by fingerprint so a reconnect storm costs one scrypt per device, not one per attempt.
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { CfError, type ErrorCode } from '../domain/errors.ts';
import { generateSecret, hashSecret, secretFingerprint, verifySecret } from '../domain/secrets.ts';
import { isValidId, type DeviceKind } from '../domain/topics.ts';
import type { ProvisionedDevice } from '../api/routes/devices.ts';
import type { Registry } from '../store/registry.ts';

export type AuthResult = { ok: true; kind: DeviceKind } | { ok: false; code: ErrorCode };

export class DeviceAuth {
  /** deviceId → fingerprint of the secret that last verified, and the hash it verified against. */
  private readonly verified = new Map<string, { fingerprint: Buffer; hash: string }>();

  constructor(
    private readonly registry: Registry,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Called after a revoke so the broker can cut the device off. */
    private readonly onRevoked: (deviceId: string) => void = () => {},
  ) {}

  readonly authenticate = async (deviceId: string, password: string): Promise<AuthResult> => {
    const dev = await this.registry.getDevice(deviceId);
    if (!dev) return { ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' };
    if (dev.revokedAtMs !== null) return { ok: false, code: 'CF_ERR_MQTT_DEVICE_REVOKED' };
    const fp = secretFingerprint(password);
    const cached = this.verified.get(deviceId);
    if (cached && cached.hash === dev.secretHash && timingSafeEqual(cached.fingerprint, fp)) return { ok: true, kind: dev.kind };
    if (!(await verifySecret(password, dev.secretHash))) return { ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' };
    this.verified.set(deviceId, { fingerprint: fp, hash: dev.secretHash });
    return { ok: true, kind: dev.kind };
  };

  async provision(kind: DeviceKind, id: string): Promise<ProvisionedDevice> {
    if (!isValidId(id)) throw new CfError('CF_ERR_DEVICE_ID_INVALID');
    const password = generateSecret();
    await this.registry.addDevice({ id, kind, secretHash: await hashSecret(password), createdAtMs: this.clock.now(), revokedAtMs: null });
    this.logger.info({ component: 'devices', deviceId: id, kind }, 'device provisioned');
    return { id, kind, username: id, password };
  }

  async revoke(id: string): Promise<{ revokedAtMs: number } | null> {
    const now = this.clock.now();
    if (!(await this.registry.revokeDevice(id, now))) return null;
    this.verified.delete(id);
    this.onRevoked(id);
    const dev = await this.registry.getDevice(id);
    this.logger.info({ component: 'devices', deviceId: id }, 'device revoked');
    return { revokedAtMs: dev?.revokedAtMs ?? now };
  }
}
