// GET /v1/live: the dashboard's live updates as server-sent events. A store page asks for its
// store (`?storeId=`) and gets every visible change of a kiosk's slot grid and of the store's stock;
// the stores list asks for nothing and gets stock changes of every store the caller may see. A
// manager's stream carries only their stores; a stream whose session ends is closed.
import type { FastifyInstance } from 'fastify';
import { ruleFor } from '../../domain/access-policy.ts';
import { CfError } from '../../domain/errors.ts';
import { access, principalOf } from '../auth/access.ts';
import { SESSION_COOKIE } from '../auth/cookies.ts';
import { errorResponses } from '../errors.ts';
import { LiveHub, type LiveStream } from '../live-hub.ts';
import { deviceId } from '../schemas.ts';
import { stockContextOf, type StockContext } from '../stock-views.ts';
import type { ApiDeps } from '../app.ts';

/** A client this far behind (bytes the socket has not taken) is cut; it reconnects and reloads. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Stores one stream may name. */
const MAX_STORES = 20;

declare module 'fastify' {
  interface FastifyInstance {
    /** The dashboard's live-update hub (open streams, frames sent). */
    live: LiveHub;
  }
}

export function liveRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const fleet = deps.fleet;
  const stock = (): StockContext => stockContextOf(deps);
  const hub = new LiveHub({ stock, logger: deps.logger, ...deps.liveUpdates });
  app.decorate('live', hub);
  const unsubscribe = deps.feed?.subscribe('dashboard-live', hub.onCommitted);
  hub.start();
  // preClose, not onClose: the server waits for open responses, and a stream never ends by itself.
  app.addHook('preClose', async () => {
    unsubscribe?.();
    hub.stop();
  });

  app.get<{ Querystring: { storeId?: string[] } }>('/v1/live', {
    config: access('stock.read', { storeId: 'store' }),
    schema: {
      summary: 'Live updates as server-sent events (text/event-stream). With storeId (up to 20): "kiosk" (a kiosk\'s whole slot grid) and "stock" (the store\'s stock) whenever what a person sees changes. Without: "stock" for every store the caller may see. First "hello", then the current state as those same events (a snapshot), then changes; "ping" every 15 s; "end" before the server closes the stream (signed out, shutdown). A reconnection starts with a fresh snapshot: nothing is replayed',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { storeId: { type: 'array', items: deviceId, maxItems: MAX_STORES, description: 'Watch these stores (repeat the field for several)' } },
      },
      response: { 200: { type: 'string', description: 'text/event-stream' }, ...errorResponses(400, 401, 403, 404, 429, 503) },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const asked = [...new Set(req.query.storeId ?? [])];
    for (const id of asked) if (!fleet.store(id)) throw new CfError('CF_ERR_SHOP_NOT_FOUND');
    const fleetWide = asked.length === 0 && req.accessRule === 'all';
    const storeIds = asked.length > 0 ? new Set(asked) : fleetWide ? null : new Set(p.storeIds.filter((id) => fleet.store(id)));
    const secret = p.via === 'session' ? req.cookies[SESSION_COOKIE] : undefined;
    const raw = reply.raw;
    let allowance = MAX_BUFFERED_BYTES;
    const stream: LiveStream = {
      owner: p.credentialId,
      storeIds,
      detail: asked.length > 0,
      write(frame) {
        if (raw.destroyed) return false;
        if (raw.writableLength > allowance) {
          raw.destroy();
          return false;
        }
        raw.write(frame);
        return true;
      },
      stillAllowed() {
        const now = deps.credentials.current(p, secret);
        if (!now) return false;
        const rule = ruleFor(now.role, 'stock.read');
        if (rule === 'all') return true;
        return rule === 'own' && storeIds !== null && [...storeIds].every((id) => now.storeIds.includes(id));
      },
      end(lastFrame) {
        if (raw.destroyed) return;
        if (lastFrame) raw.end(lastFrame);
        else raw.end();
      },
    };
    const forget = hub.add(stream); // refuses past the caps, while an error answer is still possible
    reply.hijack();
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const hello = hub.frame('hello', { at: new Date(deps.clock.now()).toISOString(), storeIds: storeIds === null ? 'all' : [...storeIds], detail: stream.detail, heartbeatS: hub.heartbeatMs / 1000 });
    const snapshot = hub.snapshot(stream);
    // A slow link may take a while to drain the snapshot (every store, for the fleet): it does not count against the client.
    allowance = MAX_BUFFERED_BYTES + Buffer.byteLength(snapshot);
    raw.write(`retry: 2000\n${hello}${snapshot}`);
    raw.once('close', forget);
  });
}
