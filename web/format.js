// How figures read on the pages: times in the viewer's clock, durations in words, slot states and
// custody in plain words.

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** @param {string | null | undefined} iso */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  const sameDay = new Date().toDateString() === d.toDateString();
  return sameDay ? timeFmt.format(d) : dateTimeFmt.format(d);
}

/** @param {string | null | undefined} iso */
export function dateTime(iso) {
  return iso ? dateTimeFmt.format(new Date(iso)) : '—';
}

/**
 * "in 1 h 20 min", "5 min ago".
 * @param {string | null | undefined} iso
 * @param {number} [nowMs]
 */
export function relative(iso, nowMs = Date.now()) {
  if (!iso) return '—';
  const ms = Date.parse(iso) - nowMs;
  const words = duration(Math.abs(ms));
  if (words === 'now') return 'now';
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

/** @param {number} ms */
export function duration(ms) {
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'now';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  if (h < 48) return rest ? `${h} h ${rest} min` : `${h} h`;
  return `${Math.round(h / 24)} days`;
}

/** @param {number | null | undefined} n */
export const pct = (n) => (n === null || n === undefined || Number.isNaN(n) ? '—' : `${Math.round(n)} %`);
/** @param {number | null | undefined} n */
export const tempC = (n) => (n === null || n === undefined || Number.isNaN(n) ? '—' : `${Math.round(n)} °C`);
/** @param {number} n */
export const count = (n) => n.toLocaleString();

/** @type {Record<string, string>} */
export const SLOT_STATE_WORDS = { READY: 'Ready', CHARGING: 'Charging', EMPTY: 'Empty', FAULT: 'Fault', LOCKED: 'Locked', UNSPECIFIED: 'Unknown' };

/** @param {string} state */
export const slotStateWord = (state) => SLOT_STATE_WORDS[state] ?? state;

/** @param {import('./types').Custody | null | undefined} c */
export function custodyWords(c) {
  if (!c) return '—';
  switch (c.kind) {
    case 'slot':
      return `in kiosk ${c.kioskId ?? '?'}, slot ${(c.slot ?? 0) + 1}`;
    case 'customer':
      return c.customerId ? `with customer ${c.customerId}` : 'with a customer';
    case 'warehouse':
      return !c.warehouseId || c.warehouseId === 'central' ? 'in the central warehouse' : `in the back room of ${c.warehouseId}`;
    case 'in_transit':
      return c.to ? `on its way to ${c.to}` : 'in transit';
    case 'withdrawn':
      return c.reason ? `withdrawn (${c.reason})` : 'withdrawn';
    case 'lost':
      return 'lost';
    default:
      return String(/** @type {{kind: string}} */ (c).kind);
  }
}

/** @type {Record<string, string>} */
const OUTCOME_WORDS = { denied: 'Denied', pending: 'Waiting for the kiosk', released: 'Pack released', release_failed: 'Release failed', expired: 'Expired (kiosk did not act)' };
/** @param {string} outcome */
export const outcomeWord = (outcome) => OUTCOME_WORDS[outcome] ?? outcome;

/** "STOCK_OUT_SOON" → "Stock out soon". @param {string} code */
export function codeWords(code) {
  const s = code.toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
