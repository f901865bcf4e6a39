// The one root logger. Modules get children with `component` (and `deviceId` where it helps).
import pino, { type Logger } from 'pino';

export function createRootLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'chargefleet' },
      // Secrets never reach the log, whatever a caller passes.
      redact: { paths: ['password', '*.password', 'token', '*.token', 'secret', '*.secret', 'req.headers.authorization', 'headers.authorization'], censor: '<redacted>' },
    },
    destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
