// The nudge stream rules. Every committed pack reading goes to the nudge service (which evaluates
// the customer carrying that pack, if any). Every release ends an episode and may convert a
// nudge, but only once custody has applied it (the release command is then done and names its
// swap): with the log, custody applies kiosk events behind the PUBACK, so releases come from the
// custody feed, not the committed one. Both run synchronously; the service queues its own I/O.
import type { CommittedListener } from './committed-feed.ts';
import type { NudgeService } from '../services/nudge-service.ts';

/** For the committed feed: pack readings. */
export function nudgeReadingRule(nudges: Pick<NudgeService, 'onPackReading'>): CommittedListener {
  return (batch) => {
    for (const r of batch.packs) nudges.onPackReading(r);
  };
}

/** For the custody feed (kiosk events once custody has applied them): releases. */
export function nudgeReleaseRule(nudges: Pick<NudgeService, 'onKioskEvent'>): CommittedListener {
  return (batch) => {
    for (const e of batch.events) if (e.type === 'pack_released') nudges.onKioskEvent(e);
  };
}

/** Both, on one feed whose events are already applied to custody (the bench drives it this way). */
export function nudgeRule(nudges: Pick<NudgeService, 'onPackReading' | 'onKioskEvent'>): CommittedListener {
  const readings = nudgeReadingRule(nudges);
  const releases = nudgeReleaseRule(nudges);
  return (batch) => {
    readings(batch);
    releases(batch);
  };
}
