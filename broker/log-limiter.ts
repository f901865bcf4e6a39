// Rate-limited logging for refusal paths: a misbehaving fleet can refuse thousands of times a
// second, and the log must not become the flood. Lines beyond the budget are counted and the count
// rides on the next line that gets through.
import type { Logger } from 'pino';
import { TokenBucket } from './token-bucket.ts';

export class LogLimiter {
  private readonly bucket: TokenBucket;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly nowMs: () => number,
    linesPerSec = 10,
    burst = 50,
  ) {
    this.bucket = new TokenBucket(linesPerSec, burst, nowMs());
  }

  /** Logs with the device id in a child-logger binding, unless over budget. */
  log(level: 'debug' | 'info' | 'warn', deviceId: string | null, fields: Record<string, unknown>, msg: string): void {
    if (!this.logger.isLevelEnabled(level)) return;
    if (!this.bucket.take(this.nowMs())) {
      this.suppressed++;
      return;
    }
    const extra = this.suppressed > 0 ? { ...fields, suppressedLines: this.suppressed } : fields;
    this.suppressed = 0;
    (deviceId === null ? this.logger : this.logger.child({ deviceId }))[level](extra, msg);
  }
}
