// `$CF_DATA_DIR/demo.json`: the demo fleets `chargefleet start` added to this data dir, and how far
// their simulated clock got, so a restart continues the clock and says what is already there.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoFleetRecord {
  idPrefix: string;
  devices: number;
  /** Wall time the fleet was added. */
  addedAt: string;
}

export interface DemoState {
  /** The demo's virtual clock when last saved, Unix epoch ms; a restart never goes back before it. */
  clockMs: number;
  fleets: DemoFleetRecord[];
}

const FILE = 'demo.json';

export function readDemoState(dataDir: string): DemoState | null {
  try {
    const s = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<DemoState>;
    if (typeof s.clockMs !== 'number' || !Array.isArray(s.fleets)) return null;
    return { clockMs: s.clockMs, fleets: s.fleets.filter((f): f is DemoFleetRecord => typeof f?.idPrefix === 'string') };
  } catch {
    return null;
  }
}

export function writeDemoState(dataDir: string, state: DemoState): void {
  const path = join(dataDir, FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(state, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}
