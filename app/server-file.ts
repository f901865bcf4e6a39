// `$CF_DATA_DIR/server.json`: where a running server listens, written at start and removed at stop,
// so the CLI finds it without flags. It holds addresses only, never a secret.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_FILE = 'server.json';

export interface ServerFile {
  pid: number;
  version: string;
  startedAt: string;
  dataDir: string;
  httpUrl: string;
  mqttUrl: string;
  mqttsUrl: string | null;
}

export function serverFilePath(dataDir: string): string {
  return join(dataDir, SERVER_FILE);
}

/** Written whole (temp file, then rename), so a reader never sees half of it. */
export function writeServerFile(dataDir: string, info: ServerFile): void {
  const path = serverFilePath(dataDir);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n', { mode: 0o644 });
  renameSync(tmp, path);
}

/** Removes the file if this process wrote it (a later server on the same dir owns it otherwise). */
export function removeServerFile(dataDir: string, pid = process.pid): void {
  if (readServerFile(dataDir)?.pid === pid) rmSync(serverFilePath(dataDir), { force: true });
}

/**
 * The file, or null when it is missing, unreadable, left by a process that is gone (kill -9), or
 * not trustworthy: the CLI sends the admin token to the address in it, so a file another user
 * wrote (or could have rewritten) is ignored.
 */
export function readServerFile(dataDir: string): ServerFile | null {
  let info: Partial<ServerFile>;
  try {
    const path = serverFilePath(dataDir);
    const st = statSync(path);
    if ((process.getuid && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0) return null;
    info = JSON.parse(readFileSync(path, 'utf8')) as Partial<ServerFile>;
  } catch {
    return null;
  }
  if (typeof info.pid !== 'number' || typeof info.httpUrl !== 'string' || typeof info.mqttUrl !== 'string') return null;
  return isAlive(info.pid) ? (info as ServerFile) : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
