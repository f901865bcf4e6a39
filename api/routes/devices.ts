// Provisioning: create a device and show its password once, list devices, revoke one.
import type { FastifyInstance } from 'fastify';
import type { DeviceKind } from '../../domain/topics.ts';
import { CfError } from '../../domain/errors.ts';
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
  provision(kind: DeviceKind, id: string): Promise<ProvisionedDevice>;
  /** Revokes and disconnects. False when no such device. */
  revoke(id: string): Promise<{ revokedAtMs: number } | null>;
}

const deviceView = {
  type: 'object',
  required: ['id', 'kind', 'createdAt', 'revoked', 'revokedAt', ...Object.keys(onlineSchema)],
  properties: { id: { type: 'string' }, kind: { type: 'string' }, createdAt: { type: 'string' }, revoked: { type: 'boolean' }, revokedAt: nullableIso, ...onlineSchema },
} as const;

export function deviceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const admin = deps.guards.admin;

  app.post<{ Body: { kind: DeviceKind; id: string } }>('/v1/devices', {
    preHandler: admin,
    schema: {
      summary: 'Provision a device (a pack, a kiosk, or a customer app, named for its customer); the password is shown only in this answer',
      body: { type: 'object', required: ['kind', 'id'], additionalProperties: false, properties: { kind: { type: 'string', enum: ['pack', 'kiosk', 'customer'] }, id: deviceId } },
      response: {
        201: { type: 'object', required: ['id', 'kind', 'username', 'password'], properties: { id: { type: 'string' }, kind: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } } },
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  }, async (req, reply) => {
    // A customer app device is named for its customer: it may read only that customer's nudges.
    if (req.body.kind === 'customer' && deps.fleet && !deps.fleet.customer(req.body.id)) throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND', `No customer ${req.body.id} in the registry: a customer app device takes its customer's id`);
    const created = await deps.devices.provision(req.body.kind, req.body.id);
    return reply.status(201).send(created);
  });

  app.get<{ Querystring: { kind?: DeviceKind; limit: number; cursor?: string } }>('/v1/devices', {
    preHandler: admin,
    schema: {
      summary: 'List devices, ordered by id',
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: ['pack', 'kiosk', 'customer'] }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, cursor: { type: 'string', maxLength: 64 } } },
      response: { 200: { type: 'object', required: ['devices', 'nextCursor'], properties: { devices: { type: 'array', items: deviceView }, nextCursor: { type: ['string', 'null'] } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const { kind, limit, cursor } = req.query;
    const rows = await deps.registry.listDevices({ limit, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) });
    const now = deps.clock.now();
    const devices = rows.map((d) => {
      const o = deps.live.online(d.id, now);
      return { id: d.id, kind: d.kind, createdAt: iso(d.createdAtMs), revoked: d.revokedAtMs !== null, revokedAt: iso(d.revokedAtMs), online: d.revokedAtMs === null && o.online, connected: o.connected, lastSeenAt: iso(o.lastSeenAtMs) };
    });
    return { devices, nextCursor: rows.length === limit ? rows[rows.length - 1]!.id : null };
  });

  app.delete<{ Params: { id: string } }>('/v1/devices/:id', {
    preHandler: admin,
    schema: {
      summary: 'Revoke a device: its credentials stop working and it is disconnected now',
      params: idParams,
      response: { 200: { type: 'object', required: ['id', 'revokedAt'], properties: { id: { type: 'string' }, revokedAt: { type: 'string' } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const res = await deps.devices.revoke(req.params.id);
    if (!res) throw new CfError('CF_ERR_DEVICE_NOT_FOUND');
    return { id: req.params.id, revokedAt: iso(res.revokedAtMs) };
  });
}
