// A server-sent events client over a real HTTP connection, for tests and the dashboard bench:
// keeps every frame it received, waits for the next one that matches, and says how the stream ended.
import { request, type IncomingMessage } from 'node:http';

export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
  /** Parsed JSON data (every frame the server sends is JSON). */
  json: any;
  atMs: number;
}

export interface SseStream {
  status: number;
  headers: IncomingMessage['headers'];
  /** The body of a refused request (JSON error), else ''. */
  errorBody: string;
  frames: SseFrame[];
  /** Resolves when the server ends the response (or the socket closes). */
  ended: Promise<void>;
  isEnded(): boolean;
  /** The first frame after `fromIndex` (default: any received) that matches, waiting up to `timeoutMs`. */
  next(match: (f: SseFrame) => boolean, timeoutMs?: number, fromIndex?: number): Promise<SseFrame>;
  close(): void;
}

/** Opens GET `url` with `headers`; resolves once the status line is in. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const frames: SseFrame[] = [];
      const waiters = new Set<() => void>();
      let buf = '';
      let errorBody = '';
      let ended = false;
      const ok = res.statusCode === 200;
      const endedP = new Promise<void>((r) => {
        const done = () => {
          ended = true;
          for (const w of waiters) w();
          r();
        };
        res.once('end', done);
        res.once('close', done);
        res.once('error', done);
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (!ok) {
          errorBody += chunk;
          return;
        }
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let event = 'message';
          let id: string | null = null;
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const [k, ...rest] = line.split(':');
            const v = rest.join(':').replace(/^ /, '');
            if (k === 'event') event = v;
            else if (k === 'id') id = v;
            else if (k === 'data') data.push(v);
          }
          if (data.length === 0) continue;
          const text = data.join('\n');
          frames.push({ id, event, data: text, json: JSON.parse(text), atMs: Date.now() });
        }
        for (const w of waiters) w();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        get errorBody() {
          return errorBody;
        },
        frames,
        ended: endedP,
        isEnded: () => ended,
        next(match, timeoutMs = 5000, fromIndex = 0) {
          return new Promise<SseFrame>((res2, rej2) => {
            const check = () => {
              const f = frames.slice(fromIndex).find(match);
              if (f) {
                cleanup();
                res2(f);
              } else if (ended) {
                cleanup();
                rej2(new Error(`stream ended without the frame (got: ${frames.map((x) => x.event).join(', ')})`));
              }
            };
            const timer = setTimeout(() => {
              cleanup();
              rej2(new Error(`no matching frame within ${timeoutMs} ms (got: ${frames.map((x) => x.event).join(', ')})`));
            }, timeoutMs);
            const cleanup = () => {
              clearTimeout(timer);
              waiters.delete(check);
            };
            waiters.add(check);
            check();
          });
        },
        close() {
          req.destroy();
        },
      } as SseStream);
    });
    req.once('error', reject);
    req.end();
  });
}
