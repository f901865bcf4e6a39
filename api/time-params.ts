// Parses `from`/`to` query values: ISO 8601 or epoch milliseconds.
import { CfError } from '../domain/errors.ts';

export function parseTimeParam(name: string, raw: string | undefined, fallbackMs: number): number {
  if (raw === undefined || raw === '') return fallbackMs;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `${name}: "${raw}" is neither an ISO 8601 time nor epoch milliseconds`);
  return ms;
}

export function parseRange(q: { from?: string; to?: string }, nowMs: number, defaultSpanMs: number): { fromMs: number; toMs: number } {
  const toMs = parseTimeParam('to', q.to, nowMs + 1);
  const fromMs = parseTimeParam('from', q.from, toMs - defaultSpanMs);
  if (fromMs >= toMs) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', 'from must be before to');
  return { fromMs, toMs };
}
