/**
 * The logger every part of the server is handed. It never receives request objects, so an IP
 * address cannot reach the log by accident (docs/SPEC.md [X1]); and whatever it is handed is
 * scrubbed of anything that looks like a secret or an address before it is written ([W12]).
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * Link tokens (43 characters) and cookie signatures are long runs of base64url; a token in a
 * malformed URL may be half percent-encoded. Ids we do want in the log (assemblies: 16
 * characters) are shorter than any secret, and error codes (SQLITE_READONLY_DBMOVED) have no
 * lowercase letter, which a random secret of that length all but surely has.
 */
const SECRET = /[A-Za-z0-9_%-]{22,}/g;
const looksSecret = (run: string) => /[a-z%]/.test(run);
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
// Full eight-group addresses, or any with '::' (loopback, mapped IPv4, link-local).
const IPV6 = /(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|[0-9A-Fa-f:]*::[0-9A-Fa-f:.]*/g;
const HOSTNAME = /\blocalhost\b/gi;
/** A cookie or an Authorization header quoted whole: its value goes, whatever its length. */
const COOKIE = /\b(plenary_[A-Za-z0-9_-]*)=[^;\s"',]*/g;
const BEARER = /\bBearer\s+[^\s"',]+/gi;

/** A string as it may be logged: no secrets, no addresses. */
export function redact(text: string): string {
  return text
    .replace(COOKIE, '$1=[secret]')
    .replace(BEARER, 'Bearer [secret]')
    .replace(SECRET, (run) => (looksSecret(run) ? '[secret]' : run))
    .replace(IPV6, '[address]')
    .replace(IPV4, '[address]')
    .replace(HOSTNAME, '[address]');
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > 4) return typeof value === 'object' && value !== null ? '[object]' : value;
  if (value instanceof Error) return redact(value.message);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

/** One JSON line per entry on stderr. */
export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (line) => void process.stderr.write(line)): Logger {
  const at = (l: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[l] < ORDER[level]) return;
    // The time and level are the logger's own: a field cannot overwrite them.
    const { t: _t, level: _l, msg: _m, ...rest } = scrub(fields ?? {}) as Record<string, unknown>;
    const entry = { t: new Date().toISOString(), level: l, msg: redact(String(message)), ...rest };
    write(`${JSON.stringify(entry)}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = createLogger('silent');
