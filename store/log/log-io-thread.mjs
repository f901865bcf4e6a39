// The file log's I/O thread: writes a group commit and fdatasyncs it with plain synchronous calls.
// It keeps the PUBACK's one disk wait out of libuv's shared thread pool, where DuckDB's work and
// every other fs call queue (measured: the group's write+fsync p50 went from ~600 ms to ~2 ms
// under load; store/log/log-io.ts). Plain JavaScript, so it starts without a TypeScript loader.
import { fdatasyncSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  const t0 = performance.now();
  try {
    const buf = new Uint8Array(m.buffer, 0, m.length);
    let done = 0;
    while (done < buf.length) done += writeSync(m.fd, buf, done, buf.length - done, m.position + done);
    fdatasyncSync(m.fd);
    parentPort.postMessage({ id: m.id, ok: true, ms: performance.now() - t0 });
  } catch (err) {
    parentPort.postMessage({ id: m.id, ok: false, code: err.code ?? null, message: err.message });
  }
});
