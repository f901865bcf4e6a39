// The DuckDB telemetry store on a thread of its own: it owns telemetry.duckdb and every connection
// to it, decodes the log's entries and runs every statement here, so neither the appender's
// synchronous flush nor the JS side of a large insert ever holds the event loop that writes PUBACKs.
// It answers the requests of store/duckdb/telemetry-thread.ts.
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { isCfError } from '../../domain/errors.ts';
import type { TelemetryBatch } from '../telemetry-store.ts';
import { concatEntries, telemetryCodec } from '../log/telemetry-codec.ts';
import { DuckTelemetryStore } from './telemetry.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './telemetry-thread.ts';

const init = workerData as WorkerInit;
const port = parentPort!;

// Log lines go to the main thread's logger (one root logger for the process).
const toParent = new Writable({
  write(chunk: Buffer, _enc, done) {
    port.postMessage({ log: chunk.toString('utf8') });
    done();
  },
});
const logger = pino({ level: init.logLevel }, toParent);
const store = new DuckTelemetryStore(init.path, { log: logger.child({ component: 'telemetry' }), ...(init.legacyPath ? { legacyPath: init.legacyPath } : {}) });

/** The log entries' bytes, packed into one transferred buffer: split, decode, one batch. */
function decodePacked(buf: ArrayBuffer, lengths: number[]): TelemetryBatch {
  const bytes = Buffer.from(buf);
  let off = 0;
  const values = lengths.map((n) => {
    const v = telemetryCodec.decode(bytes.subarray(off, off + n));
    off += n;
    return { value: v };
  });
  return concatEntries(values as never);
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'open':
      return store.open();
    case 'writeEncoded':
      return store.writeBatch(decodePacked(req.buffer, req.lengths));
    case 'writeBatch':
      return store.writeBatch(req.batch);
    case 'packReadings':
      return store.packReadings(req.id, req.q);
    case 'kioskReadings':
      return store.kioskReadings(req.id, req.q);
    case 'kioskEvents':
      return store.kioskEvents(req.id, req.q);
    case 'aggregatePacks':
      return store.aggregatePacks(req.q);
    case 'countEvents':
      return store.countEvents(req.q);
    case 'latestPacks':
      return store.latestPacks();
    case 'latestKiosks':
      return store.latestKiosks();
    case 'writerStats':
      return store.writerStats();
    case 'close':
      return store.close();
  }
}

port.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (value) => port.postMessage({ call: req.call, ok: true, value, health: store.health() } satisfies WorkerReply),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const reply: WorkerReply = {
        call: req.call,
        ok: false,
        error: { message: e.message, ...(isCfError(e) ? { code: e.code, details: e.details } : {}) },
        health: store.health(),
      };
      port.postMessage(reply);
    },
  );
});
