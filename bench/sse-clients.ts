// A bench child that holds many live-update streams (GET /v1/live) open, each with its own bearer
// token and store, the way that many dashboards would; in its own process, so that the server's
// memory is measured without the clients'. Spoken to over IPC (bench/ipc-child.ts).
import http from 'node:http';

interface OpenCmd { id: number; cmd: 'open'; url: string; streams: { token: string; storeId: string }[]; concurrency: number }
type Cmd = OpenCmd | { id: number; cmd: 'stats' | 'close' };

const open = new Set<http.ClientRequest>();
let frames = 0;
let bytes = 0;
let ended = 0;

function reply(id: number, body: object): void {
  process.send?.({ reply: id, ...body });
}

/** Opens one stream; resolves once its `hello` arrived (or with an error text). */
function openOne(base: string, token: string, storeId: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = http.get(`${base}/v1/live?storeId=${encodeURIComponent(storeId)}`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        resolve(`HTTP ${res.statusCode}`);
        res.resume();
        return;
      }
      let hello = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        bytes += chunk.length;
        frames += chunk.split('\n\n').length - 1;
        if (!hello && chunk.includes('event: hello')) {
          hello = true;
          resolve(null);
        }
      });
      res.on('end', () => {
        ended++;
        open.delete(req);
      });
    });
    req.on('error', (err) => {
      open.delete(req);
      resolve(err.message);
    });
    open.add(req);
  });
}

process.on('message', (raw: unknown) => {
  const m = raw as Cmd;
  if (m.cmd === 'open') {
    void (async () => {
      const errors: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < m.streams.length) {
          const s = m.streams[next++]!;
          const err = await openOne(m.url, s.token, s.storeId);
          if (err) errors.push(err);
        }
      };
      await Promise.all(Array.from({ length: m.concurrency }, worker));
      reply(m.id, { open: open.size, errors: errors.slice(0, 5), failed: errors.length });
    })();
  } else if (m.cmd === 'stats') {
    reply(m.id, { open: open.size, frames, bytes, ended, rssBytes: process.memoryUsage().rss });
  } else if (m.cmd === 'close') {
    for (const req of open) req.destroy();
    open.clear();
    reply(m.id, { closed: true });
  }
});
process.send?.({ event: 'ready' });
