// Entry of the DuckDB telemetry worker thread: registers tsx in this thread (the sources are
// TypeScript, run without a build), then loads the worker module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
