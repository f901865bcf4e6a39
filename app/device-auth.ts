// Device authentication for the broker and device administration for the API, over the registry.
// Verified secrets are cached by fingerprint so a reconnect storm costs one scrypt per device, not one per attempt.
// A credential change (rotate, revoke, replace) cuts the device off and voids any check in flight.
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { CfError, type ErrorCode } from '../domain/errors.ts';
import { generateSecret, hashSecret, secretFingerprint, verifySecret } from '../domain/secrets.ts';
import { ID_RULE, isValidId, type DeviceKind } from '../domain/topics.ts';
import type { ProvisionedDevice } from '../api/routes/devices.ts';
import type { DeviceCredential, Registry } from '../store/registry.ts';

export type AuthResult = { ok: true; kind: DeviceKind } | { ok: false; code: ErrorCode };

export class DeviceAuth {
  /** deviceId → fingerprint of the secret that last verified, and the hash it verified against. */
  private readonly verified = new Map<string, { fingerprint: Buffer; hash: string }>();
  /** deviceId → count of credential changes; an authentication that saw it change while it ran is refused. */
  private readonly epochs = new Map<string, number>();

  constructor(
    private readonly registry: Registry,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Called after a revoke or rotate so the broker can cut the device off. */
    private readonly disconnect: (deviceId: string, code: ErrorCode) => void = () => {},
  ) {}

  readonly authenticate = async (deviceId: string, password: string): Promise<AuthResult> => {
    const epoch = this.epochs.get(deviceId) ?? 0;
    const dev = await this.registry.getDevice(deviceId);
    if (!dev) return { ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' };
    if (dev.revokedAtMs !== null) return { ok: false, code: 'CF_ERR_MQTT_DEVICE_REVOKED' };
    const fp = secretFingerprint(password);
    const cached = this.verified.get(deviceId);
    const good = (cached && cached.hash === dev.secretHash && timingSafeEqual(cached.fingerprint, fp)) || (await verifySecret(password, dev.secretHash));
    if (!good) return { ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' };
    // Rotated or revoked while the scrypt ran: the password just checked may be the old one.
    if ((this.epochs.get(deviceId) ?? 0) !== epoch) return { ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' };
    this.verified.set(deviceId, { fingerprint: fp, hash: dev.secretHash });
    return { ok: true, kind: dev.kind };
  };

  /**
   * A new device, or with `replace` a revoked id provisioned again on purpose: new password, and the
   * old credentials never work again. An active device is never replaced (rotate it instead).
   */
  async provision(kind: DeviceKind, id: string, opts: { replace?: boolean } = {}): Promise<ProvisionedDevice> {
    if (!isValidId(id)) throw new CfError('CF_ERR_DEVICE_ID_INVALID', `"${id.slice(0, 80)}" is not a valid device id: ${ID_RULE}`);
    const password = generateSecret();
    const cred = { id, kind, secretHash: await hashSecret(password), createdAtMs: this.clock.now(), revokedAtMs: null };
    const old = opts.replace ? await this.registry.getDevice(id) : null;
    if (old) await this.replace(old, cred);
    else await this.add(cred);
    this.logger.info({ component: 'devices', deviceId: id, kind, replaced: old !== null }, old ? 'device provisioned again' : 'device provisioned');
    return { id, kind, username: id, password };
  }

  private async add(cred: DeviceCredential): Promise<void> {
    try {
      await this.registry.addDevice(cred);
    } catch (err) {
      // A taken id that is revoked can come back, on purpose: say how.
      const taken = err instanceof CfError && err.code === 'CF_ERR_DEVICE_EXISTS' ? await this.registry.getDevice(cred.id) : null;
      if (taken && taken.revokedAtMs !== null) {
        throw new CfError('CF_ERR_DEVICE_EXISTS', `${cred.id} is taken by a revoked ${taken.kind}; to provision it again, pass replace (\`chargefleet devices add --kind ${taken.kind} --id ${cred.id} --replace\`)`, { id: cred.id });
      }
      throw err;
    }
  }

  private async replace(old: DeviceCredential, cred: DeviceCredential): Promise<void> {
    const id = cred.id;
    if (old.revokedAtMs === null) throw new CfError('CF_ERR_DEVICE_EXISTS', `${id} is active; replace is for a revoked id. Rotate its password instead (\`chargefleet devices rotate ${id}\`), or revoke it first`);
    if (old.kind !== cred.kind) throw new CfError('CF_ERR_DEVICE_EXISTS', `${id} was a ${old.kind}; replace keeps the kind`);
    this.changed(id);
    if (!(await this.registry.reprovisionDevice(cred))) throw new CfError('CF_ERR_DEVICE_EXISTS', `${id} changed while being replaced; try again`);
  }

  /** A new password for an active device; the old one stops working and the device is cut off now. Null when no such device. */
  async rotate(id: string): Promise<ProvisionedDevice | null> {
    const dev = await this.registry.getDevice(id);
    if (!dev) return null;
    if (dev.revokedAtMs !== null) throw new CfError('CF_ERR_DEVICE_REVOKED', `${id} is revoked: provision it again with \`chargefleet devices add --kind ${dev.kind} --id ${id} --replace\``);
    const password = generateSecret();
    const hash = await hashSecret(password);
    this.changed(id);
    if (!(await this.registry.setDeviceSecret(id, hash))) throw new CfError('CF_ERR_DEVICE_REVOKED', `${id} was revoked while its password was being rotated`);
    this.changed(id);
    this.disconnect(id, 'CF_ERR_MQTT_BAD_CREDENTIALS');
    this.logger.info({ component: 'devices', deviceId: id }, 'device password rotated');
    return { id, kind: dev.kind, username: id, password };
  }

  /** Voids the cached check and any authentication in flight for the device. */
  private changed(id: string): void {
    this.verified.delete(id);
    this.epochs.set(id, (this.epochs.get(id) ?? 0) + 1);
  }

  async revoke(id: string): Promise<{ revokedAtMs: number } | null> {
    const now = this.clock.now();
    this.changed(id);
    if (!(await this.registry.revokeDevice(id, now))) return null;
    this.changed(id);
    this.disconnect(id, 'CF_ERR_MQTT_DEVICE_REVOKED');
    const dev = await this.registry.getDevice(id);
    this.logger.info({ component: 'devices', deviceId: id }, 'device revoked');
    return { revokedAtMs: dev?.revokedAtMs ?? now };
  }
}
