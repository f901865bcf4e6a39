// Lets InfluxDB 1.6 (Debian's build) take v2 writes: maps POST /api/v2/write onto 1.x /write
// (bucket "db[/rp]" to db and rp, precision names to 1.x units). Everything else passes through.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface InfluxV2Proxy {
  url: string;
  /** Requests forwarded so far, by path, and by `${path} gzip` for gzipped bodies. */
  counts: Map<string, number>;
  close(): Promise<void>;
}

const PRECISION: Record<string, string> = { ns: 'n', us: 'u', ms: 'ms', s: 's' };

/** Rewrites a v2 write path onto the 1.x one; other paths unchanged. */
export function mapV2Path(pathAndQuery: string): { path: string } | { error: string } {
  const url = new URL(pathAndQuery, 'http://proxy');
  if (url.pathname !== '/api/v2/write') return { path: pathAndQuery };
  const bucket = url.searchParams.get('bucket');
  if (!bucket) return { error: 'bucket is required' };
  const precision = PRECISION[url.searchParams.get('precision') ?? 'ns'];
  if (!precision) return { error: `unknown precision ${url.searchParams.get('precision')}` };
  const slash = bucket.indexOf('/');
  const out = new URLSearchParams({ db: slash < 0 ? bucket : bucket.slice(0, slash), precision });
  if (slash >= 0 && bucket.slice(slash + 1)) out.set('rp', bucket.slice(slash + 1));
  const consistency = url.searchParams.get('consistency');
  if (consistency) out.set('consistency', consistency);
  return { path: `/write?${out.toString()}` };
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message }));
}

export async function startInfluxV2Proxy(opts: { upstream: string }): Promise<InfluxV2Proxy> {
  const upstream = new URL(opts.upstream);
  const counts = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const mapped = mapV2Path(req.url ?? '/');
    if ('error' in mapped) {
      req.resume();
      fail(res, 400, 'invalid', mapped.error);
      return;
    }
    const key = new URL(req.url ?? '/', 'http://proxy').pathname;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (req.headers['content-encoding'] === 'gzip') counts.set(`${key} gzip`, (counts.get(`${key} gzip`) ?? 0) + 1);
    // Content-Encoding (gzip) and the body pass through untouched: 1.x /write inflates gzip itself.
    const headers = { ...req.headers, host: upstream.host };
    const up = request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: mapped.path, headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.setTimeout(30_000, () => up.destroy(new Error('upstream timeout')));
    up.on('error', (err) => fail(res, 502, 'unavailable', `InfluxDB upstream: ${err.message}`));
    req.pipe(up);
  });
  // Idle keep-alive sockets must not hold close() open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
