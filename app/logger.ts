// The one root logger. Modules get children with `component` (and `deviceId` where it helps).
// Where it writes depends on who runs: `serve` writes JSON to stdout for a log collector; `start`
// writes to a file and only warnings to the terminal, so the banner and the demo line stay readable.
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

/** JSON lines on stdout, as a production process manager or log shipper expects. */
export function stdoutLogger(level: string): Logger {
  return createRootLogger(level, pino.destination({ fd: 1, sync: false }));
}

/**
 * Every line at `level` appended to `file`; warnings and errors (or `level`, when higher) also on
 * stderr. Each stream filters for itself; pino's own level is the file's.
 */
export function fileLogger(level: string, file: string): Logger {
  if (level === 'silent') return createRootLogger('silent');
  const lvl = level as pino.Level;
  const terminal: pino.Level = pino.levels.values[lvl]! > pino.levels.values.warn! ? lvl : 'warn';
  return createRootLogger(
    lvl,
    pino.multistream([
      { level: lvl, stream: pino.destination({ dest: file, append: true, mkdir: true, sync: false }) },
      { level: terminal, stream: pino.destination({ fd: 2, sync: false }) },
    ]),
  );
}
