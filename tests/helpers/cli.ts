// Runs the `chargefleet` command as an operator would, in a child process, without blocking the
// test's event loop (an in-process server must keep answering while the CLI talks to it).
import { spawn } from 'node:child_process';
import { BIN, ROOT } from './server-process.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `chargefleet ...args` with only PATH, HOME and `env` in its environment. */
export function runCli(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return runShell(process.execPath, [BIN, ...args], env, timeoutMs);
}

/** Any program, for pipelines such as `chargefleet config --markdown | head -1`. */
export function runShell(cmd: string, args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
