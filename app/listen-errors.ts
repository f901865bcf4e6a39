// A port that cannot be opened is a configuration problem: say which address, which variable moves
// it, and let the CLI exit 78 like any other config error, instead of a stack trace.
import { CfError } from '../domain/errors.ts';

export interface ListenTarget {
  /** What listens there, for the sentence: 'MQTT', 'MQTT over TLS', 'HTTP'. */
  what: string;
  host: string;
  port: number;
  hostVar: string;
  portVar: string;
}

/** A CfError CF_ERR_CONFIG_INVALID for a listen failure the operator can fix; anything else unchanged. */
export function listenError(err: unknown, t: ListenTarget): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const at = `${t.what} port ${t.port} on ${t.host}`;
  let message: string;
  switch (code) {
    case 'EADDRINUSE':
      message = `${at} is already in use by another program${t.what.startsWith('MQTT') ? ' (often a system mosquitto)' : ''}; \`ss -ltnp 'sport = :${t.port}'\` shows which. Set ${t.portVar} to a free port, or to 0 to pick one.`;
      break;
    case 'EACCES':
      message = `${at} needs privileges this process does not have (ports below 1024 do). Set ${t.portVar} to 1024 or above.`;
      break;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      message = `${t.host} is not an address of this machine, so ${t.what} cannot listen there. Set ${t.hostVar} to one of its addresses (127.0.0.1 for this machine only, 0.0.0.0 for all).`;
      break;
    default:
      return err;
  }
  return new CfError('CF_ERR_CONFIG_INVALID', message, { variable: code === 'EADDRINUSE' || code === 'EACCES' ? t.portVar : t.hostVar, host: t.host, port: t.port, cause: code });
}
