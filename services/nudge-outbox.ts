// Delivers what the nudge ledger's outbox holds: each pending nudge through its channel's sender,
// retried with capped exponential backoff while a retry can help, marked delivered, failed or
// expired. The outbox row was committed with the nudge before the first attempt, so a restart
// resumes where it stopped: nothing is lost, and a delivered nudge is never sent again (a crash
// between a receiver's 2xx and our mark can repeat one send; the idempotency key covers that).
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { backoffDelayMs, type BackoffOptions } from '../store/log/backoff.ts';
import type { NudgeChannel, NudgeLedger, OutboxRow } from '../store/nudge-ledger.ts';
import type { NudgeSender } from './nudge-senders.ts';

export interface NudgeOutboxOptions {
  ledger: Pick<NudgeLedger, 'dueOutbox' | 'updateOutbox'>;
  senders: Partial<Record<NudgeChannel, NudgeSender>>;
  clock: Clock;
  logger: Logger;
  maxAttempts: number;
  /** Sends in flight at once: a slow receiver holds this many sockets, no more. */
  concurrency?: number;
  backoff?: BackoffOptions;
  random?: () => number;
}

export const NUDGE_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 5 * 60_000, factor: 2, jitter: 0.2 };

export class NudgeOutbox {
  private readonly inflight = new Set<string>();
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly log: Logger;
  readonly counters = { attempts: 0, delivered: 0, retried: 0, failed: 0, expired: 0, errors: 0 };

  constructor(private readonly o: NudgeOutboxOptions) {
    this.log = o.logger.child({ component: 'nudge-outbox' });
  }

  /** Look for due work now (after a new nudge was recorded). Passes never overlap, so a row is never sent twice at once. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.pass().finally(() => {
      this.draining = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Runs a pass over what is due now (after any pass in progress) and resolves when the outbox is idle. */
  async drain(): Promise<void> {
    this.kick();
    while (this.draining) await this.draining;
  }

  /** One pass: every row due now, `concurrency` at a time. */
  private async pass(): Promise<void> {
    const concurrency = this.o.concurrency ?? 4;
    let rows: OutboxRow[];
    try {
      rows = (await this.o.ledger.dueOutbox(this.o.clock.now(), 500)).filter((r) => !this.inflight.has(r.nudgeId));
    } catch (err) {
      this.counters.errors++;
      this.log.warn({ err }, 'outbox read failed; will try again');
      return;
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < rows.length && !this.stopped) await this.attempt(rows[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  }

  private async attempt(row: OutboxRow): Promise<void> {
    this.inflight.add(row.nudgeId);
    try {
      const now = this.o.clock.now();
      if (now >= row.expiresAtMs) {
        this.counters.expired++;
        return await this.o.ledger.updateOutbox(row.nudgeId, { status: 'expired', attempts: row.attempts, nextAttemptAtMs: row.nextAttemptAtMs, lastError: row.lastError ?? 'not delivered before it went stale', atMs: now });
      }
      const sender = this.o.senders[row.channel];
      if (!sender) {
        this.counters.failed++;
        return await this.o.ledger.updateOutbox(row.nudgeId, { status: 'failed', attempts: row.attempts, nextAttemptAtMs: row.nextAttemptAtMs, lastError: `no ${row.channel} channel is configured`, atMs: now });
      }
      this.counters.attempts++;
      const res = await sender.send(row.message);
      const at = this.o.clock.now();
      const attempts = row.attempts + 1;
      if (res.ok) {
        this.counters.delivered++;
        return await this.o.ledger.updateOutbox(row.nudgeId, { status: 'delivered', attempts, nextAttemptAtMs: at, lastError: null, atMs: at });
      }
      if (res.retry && attempts < this.o.maxAttempts) {
        this.counters.retried++;
        const delay = backoffDelayMs(attempts, this.o.backoff ?? NUDGE_BACKOFF, this.o.random, res.retryAfterMs ?? 0);
        return await this.o.ledger.updateOutbox(row.nudgeId, { status: 'pending', attempts, nextAttemptAtMs: at + delay, lastError: res.error, atMs: at });
      }
      this.counters.failed++;
      this.log.warn({ nudgeId: row.nudgeId, channel: row.channel, attempts, error: res.error }, 'nudge not delivered');
      await this.o.ledger.updateOutbox(row.nudgeId, { status: 'failed', attempts, nextAttemptAtMs: at, lastError: res.error, atMs: at });
    } catch (err) {
      // The ledger refused the update: the row stays pending and is tried again (the idempotency key covers a repeat).
      this.counters.errors++;
      this.log.warn({ err, nudgeId: row.nudgeId }, 'outbox update failed');
    } finally {
      this.inflight.delete(row.nudgeId);
    }
  }

  /** Polls for retries that came due (wall-clock interval; due times are on the system clock). */
  start(intervalMs: number): void {
    this.timer ??= setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining;
  }
}
