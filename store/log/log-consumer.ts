// Runs one consumer of a DurableLog: reads what follows its cursor, hands it to `handle`, and moves
// the cursor only once `handle` resolved. A failure is retried from the same cursor with backoff,
// for ever: nothing behind a consumer is lost, and `handle` must be idempotent (a crash between
// handle and the cursor's persistence replays a little).
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../domain/clock.ts';
import { isCfError } from '../../domain/errors.ts';
import { backoffDelayMs, type BackoffOptions } from './backoff.ts';
import type { DurableLog, LogEntry, LogPosition } from './durable-log.ts';

export interface LogConsumerOptions<T> {
  log: DurableLog<T>;
  /** The cursor's name (registered with the log). */
  name: string;
  /** Readings handed to `handle` at once, at most (a single larger entry still goes whole). */
  batchReadings: number;
  /** A partial batch waits up to this long for company: fewer, larger writes. 0 = at once. */
  flushIntervalMs: number;
  handle(entries: LogEntry<T>[]): Promise<void>;
  backoff: BackoffOptions;
  random?: () => number;
  clock?: Clock;
  logger: Logger;
  /** After a batch was handled and the cursor moved past it. */
  onCommitted?(position: LogPosition): void;
}

export class LogConsumer<T> {
  /** Attempts that failed, every one. */
  failures = 0;
  /** Failed attempts in a row, reset by a success; drives the backoff. */
  consecutiveFailures = 0;
  handledReadings = 0;
  handledBatches = 0;
  lastError: string | null = null;
  lastErrorAtMs: number | null = null;
  /** Delay of the backoff in progress (tests and health). */
  retryDelayMs = 0;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: { onData: boolean; fire: () => void } | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(private readonly o: LogConsumerOptions<T>) {
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
  }

  get name(): string {
    return this.o.name;
  }

  start(): void {
    this.unsubscribe ??= this.o.log.onDurable(() => this.notify());
    this.loop ??= this.run();
  }

  /** New durable entries: ends a wait for data (never a backoff). */
  notify(): void {
    if (this.wake?.onData) this.wake.fire();
  }

  /** Stops after the batch in hand (if any) is handled or has failed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.wake?.fire();
    await this.loop;
  }

  /** True when the cursor is at the head (nothing left to handle). */
  get caughtUp(): boolean {
    return this.o.log.cursor(this.o.name) >= this.o.log.head;
  }

  private sleep(ms: number, onData: boolean): Promise<void> {
    return new Promise((resolve) => {
      const fire = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(fire, ms);
      this.wake = { onData, fire };
    });
  }

  private async run(): Promise<void> {
    let windowStartMs: number | null = null;
    // Bounded per pass: it handles a batch, backs off after a failure, or sleeps until data comes.
    while (!this.stopped) {
      let entries: LogEntry<T>[];
      try {
        entries = await this.o.log.read(this.o.log.cursor(this.o.name), this.o.batchReadings);
      } catch (err) {
        await this.fail(err as Error);
        continue;
      }
      if (entries.length === 0) {
        windowStartMs = null;
        await this.sleep(60_000, true);
        continue;
      }
      const readings = entries.reduce((n, e) => n + e.readings, 0);
      if (readings < this.o.batchReadings && this.o.flushIntervalMs > 0 && this.consecutiveFailures === 0) {
        windowStartMs ??= Date.now();
        const leftMs = windowStartMs + this.o.flushIntervalMs - Date.now();
        if (leftMs > 0) {
          await this.sleep(leftMs, false);
          continue;
        }
      }
      windowStartMs = null;
      try {
        await this.o.handle(entries);
      } catch (err) {
        await this.fail(err as Error);
        continue;
      }
      const end = entries[entries.length - 1]!.end;
      this.o.log.commit(this.o.name, end);
      if (this.consecutiveFailures > 0) this.o.logger.info({ consumer: this.o.name, afterFailures: this.consecutiveFailures }, 'log consumer: handling again');
      this.consecutiveFailures = 0;
      this.retryDelayMs = 0;
      this.handledReadings += readings;
      this.handledBatches++;
      this.o.onCommitted?.(end);
    }
  }

  private async fail(err: Error): Promise<void> {
    this.failures++;
    this.consecutiveFailures++;
    this.lastError = err.message;
    this.lastErrorAtMs = this.clock.now();
    const details = isCfError(err) ? (err.details as { retryAfterMs?: number } | undefined) : undefined;
    this.retryDelayMs = backoffDelayMs(this.consecutiveFailures, this.o.backoff, this.random, details?.retryAfterMs ?? 0);
    // One line per attempt: the backoff bounds the rate (at most one per maxMs once it saturates).
    this.o.logger.warn({ consumer: this.o.name, err: err.message, attempt: this.consecutiveFailures, retryInMs: this.retryDelayMs }, 'log consumer: failed; retrying from its cursor');
    if (!this.stopped) await this.sleep(this.retryDelayMs, false);
  }
}
