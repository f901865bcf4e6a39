// Runs `chargefleet serve` as a child process, the way an operator does, on ephemeral loopback
// ports; reads the addresses it prints. Used for crash (kill -9) and CLI tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'chargefleet.js');

export interface ServerProcess {
  child: ChildProcess;
  mqttUrl: string;
  httpUrl: string;
  output(): string;
  /** What it wrote to stdout alone (the banner, and `serve`'s JSON log lines). */
  stdout(): string;
  /** SIGKILL: no flush, no goodbye. */
  kill9(): Promise<void>;
  stop(): Promise<number | null>;
}

export interface LaunchOptions {
  /** Runs the server through this command instead of directly (e.g. inside a mount namespace); it must exec `node BIN serve`. */
  launch?: (node: string, args: string[]) => { command: string; args: string[] };
  /** Runs the server under a lowered open-file limit: bash sets it, then becomes node (exec keeps the pid for kill). */
  openFilesLimit?: number;
}

export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000, opts: LaunchOptions = {}): Promise<ServerProcess> {
  if (opts.launch && opts.openFilesLimit !== undefined) throw new Error('startServerProcess: launch and openFilesLimit cannot be combined');
  const { command, args } = opts.launch
    ? opts.launch(process.execPath, [BIN, 'serve'])
    : opts.openFilesLimit === undefined
      ? { command: process.execPath, args: [BIN, 'serve'] }
      : { command: 'bash', args: ['-c', `ulimit -n ${opts.openFilesLimit} && exec "$0" "$1" serve`, process.execPath, BIN] };
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CF_MQTT_PORT: '0', CF_HTTP_PORT: '0', CF_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stdout = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
    stdout += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const addresses = await new Promise<{ mqttUrl: string; httpUrl: string }>((resolve, reject) => {
    // A server that did not start in time is ended here, or it outlives the test run.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /MQTT:\s+(mqtt:\/\/\S+)/.exec(out);
      const h = /HTTP:\s+(http:\/\/\S+)/.exec(out);
      if (m && h) {
        clearTimeout(timer);
        resolve({ mqttUrl: m[1]!, httpUrl: h[1]! });
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${out}`));
    });
  });
  return {
    child,
    ...addresses,
    output: () => out,
    stdout: () => stdout,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
