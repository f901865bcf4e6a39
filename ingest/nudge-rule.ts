// The nudge stream rule: every committed pack reading goes to the nudge service (which evaluates
// the customer carrying that pack, if any), and every committed release ends an episode and may
// convert a nudge. Runs after the PUBACK, synchronously; the service queues its own I/O.
import type { CommittedListener } from './committed-feed.ts';
import type { NudgeService } from '../services/nudge-service.ts';

export function nudgeRule(nudges: Pick<NudgeService, 'onPackReading' | 'onKioskEvent'>): CommittedListener {
  return (batch) => {
    for (const r of batch.packs) nudges.onPackReading(r);
    for (const e of batch.events) if (e.type === 'pack_released') nudges.onKioskEvent(e);
  };
}
