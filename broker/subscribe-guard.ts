// Which SUBSCRIBE packets the broker refuses whole. aedes 1.2 collapses repeated filters before it
// answers, so a SUBSCRIBE naming one filter 2,000 times got a SUBACK with one return code, not the
// one per filter that [MQTT-3.8.4-5] requires. A device needs at most two filters (README "Topics"),
// so a packet that repeats a filter or names more than MAX_SUBSCRIBE_FILTERS is refused by closing
// the connection before aedes sees it: MQTT 3.1.1 has no return code that refuses a whole packet,
// and closing is how it refuses a PUBLISH too [MQTT-3.3.5-2]. Every other SUBSCRIBE gets one return
// code per filter from aedes. Pure.

/** Filters one SUBSCRIBE may carry; a kiosk subscribes to two. */
export const MAX_SUBSCRIBE_FILTERS = 16;

/** Why this list of filters is refused, or null. */
export function subscribeProblem(filters: readonly string[], max = MAX_SUBSCRIBE_FILTERS): string | null {
  if (filters.length > max) return `${filters.length} filters in one SUBSCRIBE, at most ${max}`;
  const seen = new Set<string>();
  for (const f of filters) {
    if (seen.has(f)) return `filter "${f.slice(0, 100)}" appears twice in one SUBSCRIBE`;
    seen.add(f);
  }
  return null;
}
