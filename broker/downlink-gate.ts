// Bounds server downlinks in flight inside aedes. A downlink holds an mqemitter slot until every
// local subscriber's socket took it (or drainTimeout fired), so without a bound a flood toward a
// slow kiosk fills mqemitter's queue, which aedes 1.2 then drains recursively until the stack
// overflows. Waiters resume through promise resolution (a microtask), never by recursion.
import { CfError } from '../domain/errors.ts';

export class DownlinkGate {
  private inFlight = 0;
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void } | undefined> = [];
  private head = 0;
  private closedErr: Error | null = null;

  constructor(
    private readonly maxInFlight: number,
    private readonly maxWaiting: number,
  ) {}

  /** Resolves when the caller may start one downlink; it must call release() when it ends. */
  acquire(): Promise<void> {
    if (this.closedErr) return Promise.reject(this.closedErr);
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return Promise.resolve();
    }
    if (this.waiters.length - this.head >= this.maxWaiting) {
      return Promise.reject(new CfError('CF_ERR_MQTT_SERVER_BUSY', 'too many downlinks waiting'));
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(): void {
    const next = this.head < this.waiters.length ? this.waiters[this.head] : undefined;
    if (next) {
      // The slot passes straight to the next waiter; inFlight stays the same.
      this.waiters[this.head++] = undefined;
      if (this.head > 1024 && this.head * 2 > this.waiters.length) {
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      next.resolve();
    } else {
      this.inFlight--;
    }
  }

  /** Refuses all waiting and future downlinks. */
  close(err: Error): void {
    this.closedErr = err;
    for (let i = this.head; i < this.waiters.length; i++) this.waiters[i]?.reject(err);
    this.waiters = [];
    this.head = 0;
  }
}
