// Reads over the v1-compatible /query endpoint with InfluxQL, which InfluxDB 1.8+, 2.x (through a
// DBRP mapping) and 3.x all serve. Times come back as epoch ms (epoch=ms truncates the sub-ms offset).
import { CfError } from '../../domain/errors.ts';

export type Row = Record<string, unknown>;

export interface SeriesRows {
  tags: Record<string, string>;
  rows: Row[];
}

export interface InfluxQlOptions {
  url: string;
  token?: string;
  database: string;
  /** Query timeout; a query past it fails with CF_ERR_STORE_UNAVAILABLE. */
  timeoutMs: number;
}

interface QueryResponse {
  error?: string;
  results?: Array<{ error?: string; series?: Array<{ name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }> }>;
}

/** An InfluxQL string literal. */
export function lit(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** An InfluxQL identifier (measurement, tag or field name). */
export function ident(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `time >= from AND time < to` in absolute epoch ms. */
export function timeRange(fromMs: number, toMs: number): string {
  return `time >= ${Math.floor(fromMs)}ms AND time < ${Math.ceil(toMs)}ms`;
}

export class InfluxQlClient {
  constructor(private readonly opts: InfluxQlOptions) {}

  /** Runs one statement; returns each series with its rows as objects keyed by column. */
  async query(q: string): Promise<SeriesRows[]> {
    const body = new URLSearchParams({ db: this.opts.database, epoch: 'ms', q });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (this.opts.token) headers.authorization = `Token ${this.opts.token}`;
    let res: Response;
    try {
      res = await fetch(`${this.opts.url}/query`, {
        method: 'POST',
        headers,
        body: body.toString(),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      throw new CfError('CF_ERR_STORE_UNAVAILABLE', `InfluxDB query failed: ${(err as Error).message}`);
    }
    const text = await res.text();
    let parsed: QueryResponse;
    try {
      parsed = JSON.parse(text) as QueryResponse;
    } catch {
      throw new CfError('CF_ERR_STORE_UNAVAILABLE', `InfluxDB query answered ${res.status}: ${text.slice(0, 200)}`);
    }
    const stmtError = parsed.error ?? parsed.results?.[0]?.error;
    if (!res.ok || stmtError) {
      throw new CfError('CF_ERR_STORE_UNAVAILABLE', `InfluxDB query answered ${res.status}: ${stmtError ?? text.slice(0, 200)}`);
    }
    const out: SeriesRows[] = [];
    for (const s of parsed.results?.[0]?.series ?? []) {
      const rows = s.values.map((v) => {
        const row: Row = {};
        s.columns.forEach((c, i) => (row[c] = v[i]));
        return row;
      });
      out.push({ tags: s.tags ?? {}, rows });
    }
    return out;
  }

  /** All rows of all series, with each series' tags merged into its rows. */
  async rows(q: string): Promise<Row[]> {
    const series = await this.query(q);
    return series.flatMap((s) => s.rows.map((r) => ({ ...s.tags, ...r })));
  }
}
