// How many MQTT connections fit in this process's open-file limit. Each connection is a
// descriptor; so are HTTP connections, the DuckDB files and WAL, the spool, the log and node's own.
// With the limit at 1,024, about 1,100 idle sockets took MQTT and HTTP down with nothing logged,
// because CF_MAX_CONNECTIONS (100,000) never engaged. Node has no getrlimit(): on Linux the soft
// limit is read from /proc/self/limits; where that file is absent (macOS, Windows) the limit is
// unknown and CF_MAX_CONNECTIONS is used as configured, which the start-up line says.
import { readFileSync } from 'node:fs';

export interface ConnectionBudget {
  /** CF_MAX_CONNECTIONS as configured. */
  configured: number;
  /** The soft RLIMIT_NOFILE, or null when unknown or unlimited. */
  descriptorLimit: number | null;
  /** Descriptors kept out of the MQTT cap for HTTP, the database, the spool and the log. */
  reserve: number;
  /** Open HTTP connections allowed (half the reserve), so HTTP cannot eat the database's descriptors. */
  httpMaxConnections: number | null;
  /** The cap the broker enforces. */
  maxConnections: number;
}

/** The soft "Max open files" of a /proc/<pid>/limits text, or null (absent, or unlimited). */
export function parseOpenFilesLimit(limitsText: string): number | null {
  const m = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limitsText);
  if (!m || m[1] === 'unlimited') return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function readOpenFilesLimit(path = '/proc/self/limits'): number | null {
  try {
    return parseOpenFilesLimit(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** The MQTT cap: CF_MAX_CONNECTIONS, lowered to leave max(128, 10 %) of the descriptor limit free. */
export function connectionBudget(configured: number, descriptorLimit: number | null): ConnectionBudget {
  if (descriptorLimit === null) return { configured, descriptorLimit, reserve: 0, httpMaxConnections: null, maxConnections: configured };
  const reserve = Math.max(128, Math.ceil(descriptorLimit * 0.1));
  return { configured, descriptorLimit, reserve, httpMaxConnections: Math.max(16, Math.floor(reserve / 2)), maxConnections: Math.max(1, Math.min(configured, descriptorLimit - reserve)) };
}
