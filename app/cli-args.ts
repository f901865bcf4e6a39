// Command-line argument helpers: usage errors (exit 2), negative numbers as option values, whole
// numbers with a range, and URLs typed without their scheme.

/** A mistake in how the command was called: printed with the command's usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * `--limit -5` reads to node:util parseArgs as an option `-5`, which it calls ambiguous. Joining
 * a value that looks like a negative number to its string option (`--limit=-5`) lets the range
 * check say what is wrong instead.
 */
export function joinNegativeValues(args: readonly string[], stringOptions: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (a.startsWith('--') && !a.includes('=') && stringOptions.has(a.slice(2)) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** A whole number in [min, max], or a UsageError naming the flag and what it got. */
export function wholeNumber(flag: string, raw: string, min: number, max: number, hint = ''): number {
  const n = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (Number.isNaN(n)) throw new UsageError(`${flag} must be a whole number, got "${raw}"`);
  if (n < min) throw new UsageError(`${flag} must be ≥ ${min}, got ${n}`);
  if (n > max) throw new UsageError(`${flag} must be at most ${max}${hint}, got ${n}`);
  return n;
}

/**
 * `127.0.0.1:28080` means `http://127.0.0.1:28080`: a value without a scheme gets `scheme`. The
 * result must parse as a URL with one of `allowed` schemes and a host, else a UsageError.
 */
export function urlWithScheme(flag: string, raw: string, scheme: string, allowed: readonly string[] = [scheme]): string {
  const value = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `${scheme}://${value}`;
  const example = `${scheme}://127.0.0.1:${scheme === 'mqtt' ? 1883 : 8080}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new UsageError(`${flag} must be a URL like ${example}, got "${raw}"`);
  }
  if (!allowed.includes(u.protocol.slice(0, -1)) || u.hostname === '') throw new UsageError(`${flag} must be a URL like ${example} (${allowed.join(' or ')}), got "${raw}"`);
  return withScheme.replace(/\/+$/, '');
}
