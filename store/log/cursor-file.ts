// Durable consumer cursors of the file log: one small JSON file per consumer, replaced atomically
// (write a temp file, fsync, rename, fsync the directory), so a crash leaves the old or the new one.
import { mkdir, open, readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogPosition } from './durable-log.ts';

const NAME_RE = /^[a-z][a-z0-9-]{0,63}$/;

export function checkConsumerName(name: string): void {
  if (!NAME_RE.test(name)) throw new Error(`log consumer name "${name}" must be 1-64 of a-z 0-9 -, starting with a letter`);
}

/** Every cursor file in `dir`: name -> position. */
export async function loadCursors(dir: string): Promise<Map<string, LogPosition>> {
  await mkdir(dir, { recursive: true });
  const out = new Map<string, LogPosition>();
  for (const file of await readdir(dir)) {
    const m = /^([a-z][a-z0-9-]*)\.json$/.exec(file);
    if (!m) continue;
    try {
      const parsed = JSON.parse(await readFile(join(dir, file), 'utf8')) as { position?: unknown };
      if (typeof parsed.position === 'number' && Number.isSafeInteger(parsed.position) && parsed.position >= 0) out.set(m[1]!, parsed.position);
    } catch {
      // A torn temp file never gets this name (rename is atomic); an unreadable one means start over, which replays.
    }
  }
  return out;
}

export async function saveCursors(dir: string, cursors: ReadonlyMap<string, LogPosition>): Promise<void> {
  for (const [name, position] of cursors) {
    const tmp = join(dir, `${name}.json.tmp`);
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(JSON.stringify({ position }));
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(dir, `${name}.json`));
  }
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
