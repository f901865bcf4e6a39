// Provisioning: create a device and show its password once, list devices, rotate a password, revoke.
import type { FastifyInstance } from 'fastify';
import type { DeviceKind } from '../../domain/topics.ts';
import { CfError } from '../../domain/errors.ts';
import { access } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams, nullableIso, onlineSchema } from '../schemas.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

export interface ProvisionedDevice {
  id: string;
  kind: DeviceKind;
  username: string;
  password: string;
}

/** Device administration, implemented in app/ (it also reaches the broker). */
export interface DeviceAdmin {
  /** `replace`: provision a revoked id again (new credentials; the old ones never work again). */
  provision(kind: DeviceKind, id: string, opts?: { replace?: boolean }): Promise<ProvisionedDevice>;
  /** New password, old one void, device disconnected. Null when no such device. */
  rotate(id: string): Promise<ProvisionedDevice | null>;
  /** Revokes and disconnects; a kiosk's API tokens are revoked with it. Null when no such device. */
  revoke(id: string): Promise<{ revokedAtMs: number } | null>;
}

const deviceView = {
  type: 'object',
  required: ['id', 'kind', 'createdAt', 'revoked', 'revokedAt', ...Object.keys(onlineSchema)],
  properties: { id: { type: 'string' }, kind: { type: 'string' }, createdAt: { type: 'string' }, revoked: { type: 'boolean' }, revokedAt: nullableIso, ...onlineSchema },
} as const;

export function deviceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const credentials = { type: 'object', required: ['id', 'kind', 'username', 'password'], properties: { id: { type: 'string' }, kind: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } } } as const;

  app.post<{ Body: { kind: DeviceKind; id: string; replace?: boolean } }>('/v1/devices', {
    config: access('device.provision'),
    bodyLimit: 1024,
    schema: {
      summary: 'Provision a device (a pack, a kiosk, or a customer app, named for its customer); the password is shown only in this answer',
      description: 'A taken id is refused (409), a revoked one too, unless `replace` is true: then the revoked id is provisioned again with a new password, and its old credentials never work again. An active device is never replaced; rotate its password instead. A customer app device takes its customer\'s id (an unknown customer: 404).',
      body: { type: 'object', required: ['kind', 'id'], additionalProperties: false, properties: { kind: { type: 'string', enum: ['pack', 'kiosk', 'customer'] }, id: deviceId, replace: { type: 'boolean', default: false } } },
      response: { 201: credentials, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    // A customer app device is named for its customer: it may read only that customer's nudges.
    if (req.body.kind === 'customer' && !deps.fleet.customer(req.body.id)) throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND', `No customer ${req.body.id} in the registry: a customer app device takes its customer's id`);
    const created = await deps.devices.provision(req.body.kind, req.body.id, { replace: req.body.replace === true });
    return reply.status(201).send(created);
  });

  app.post<{ Params: { id: string } }>('/v1/devices/:id/rotate', {
    config: access('device.provision'),
    bodyLimit: 1024,
    schema: {
      summary: 'Issue a new password for a device; the old one stops working and the device is disconnected now',
      params: idParams,
      response: { 200: credentials, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    const rotated = await deps.devices.rotate(req.params.id);
    if (!rotated) throw new CfError('CF_ERR_DEVICE_NOT_FOUND');
    return rotated;
  });

  app.get<{ Querystring: { kind?: DeviceKind; limit: number; cursor?: string } }>('/v1/devices', {
    config: access('device.read'),
    schema: {
      summary: 'List devices, ordered by id, a page at a time',
      description: 'Pass the answer\'s `nextCursor` as `cursor` for the next page; it is null on the last page.',
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: ['pack', 'kiosk', 'customer'] }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, cursor: { type: 'string', maxLength: 64 } } },
      response: { 200: { type: 'object', required: ['devices', 'nextCursor'], properties: { devices: { type: 'array', items: deviceView }, nextCursor: { type: ['string', 'null'] } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const { kind, limit, cursor } = req.query;
    // One more than asked says whether another page exists, so the last page has no cursor.
    const fetched = await deps.registry.listDevices({ limit: limit + 1, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) });
    const rows = fetched.slice(0, limit);
    const now = deps.clock.now();
    const devices = rows.map((d) => {
      const o = deps.live.online(d.id, now);
      return { id: d.id, kind: d.kind, createdAt: iso(d.createdAtMs), revoked: d.revokedAtMs !== null, revokedAt: iso(d.revokedAtMs), online: d.revokedAtMs === null && o.online, connected: o.connected, lastSeenAt: iso(o.lastSeenAtMs) };
    });
    return { devices, nextCursor: fetched.length > limit ? rows[rows.length - 1]!.id : null };
  });

  app.delete<{ Params: { id: string } }>('/v1/devices/:id', {
    config: access('device.revoke'),
    schema: {
      summary: 'Revoke a device: its credentials stop working, it is disconnected now, and a kiosk\'s API tokens are revoked with it',
      params: idParams,
      response: { 200: { type: 'object', required: ['id', 'revokedAt'], properties: { id: { type: 'string' }, revokedAt: { type: 'string' } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const res = await deps.devices.revoke(req.params.id);
    if (!res) throw new CfError('CF_ERR_DEVICE_NOT_FOUND');
    return { id: req.params.id, revokedAt: iso(res.revokedAtMs) };
  });
}
