// Starts Debian's mosquitto on a loopback port with a generated config, for the ingest benchmark's
// comparison. `npm run bench -- mosquitto [--seconds 60]` starts one alone and prints its port.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { onExit, stopChild, track } from './child-processes.ts';

export interface RunningMosquitto {
  port: number;
  pid: number;
  version: string;
  configText: string;
  stop(): Promise<void>;
}

export function mosquittoBinary(): string | null {
  const candidates = [process.env.CF_BENCH_MOSQUITTO, '/usr/sbin/mosquitto', '/usr/bin/mosquitto'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The config: loopback only, anonymous, no connection cap, no persistence, unbounded QoS 1 in-flight toward the subscriber. */
export function mosquittoConfig(port: number): string {
  return [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'max_connections -1',
    // Default 20 in flight per subscriber would bound the wildcard subscriber by round trips, not the broker.
    'max_inflight_messages 0',
    'max_queued_messages 1000000',
    'max_queued_bytes 0',
    'persistence false',
    'set_tcp_nodelay true',
    'sys_interval 0',
    'connection_messages false',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    '',
  ].join('\n');
}

function waitForPort(port: number, deadlineMs: number, exited: () => string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const why = exited();
      if (why !== null) return reject(new Error(why));
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve();
      });
      s.on('error', () => {
        s.destroy();
        if (Date.now() > deadlineMs) reject(new Error(`mosquitto did not listen on 127.0.0.1:${port} in time`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startMosquitto(): Promise<RunningMosquitto> {
  const bin = mosquittoBinary();
  if (!bin) throw new Error('mosquitto is not installed: apt-get install mosquitto (or set CF_BENCH_MOSQUITTO to its path)');
  const version = /version\s+(\S+)/.exec(spawnSync(bin, ['-h'], { encoding: 'utf8' }).stdout)?.[1] ?? 'unknown';
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-mosquitto-'));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const configText = mosquittoConfig(port);
  const configPath = join(dir, 'mosquitto.conf');
  writeFileSync(configPath, configText);
  // It inherits our open-files limit (sockets): the caller checks it covers the connections.
  const child = track(spawn(bin, ['-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] }), 'mosquitto');
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  let exitedWhy: string | null = null;
  child.once('exit', (code, sig) => {
    exitedWhy = `mosquitto exited (${code ?? sig}): ${stderr.trim()}`;
  });
  try {
    await waitForPort(port, Date.now() + 5000, () => exitedWhy);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    port,
    pid: child.pid!,
    version,
    configText,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts mosquitto alone and keeps it up for --seconds (default 60) or until Ctrl-C. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { seconds: { type: 'string', default: '60' } } });
  const seconds = Math.min(3600, Math.max(1, Number(values.seconds) || 60));
  const m = await startMosquitto();
  process.stdout.write(`mosquitto ${m.version} pid ${m.pid} on mqtt://127.0.0.1:${m.port} for ${seconds} s\n--- config ---\n${m.configText}`);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await m.stop();
  return 0;
}
