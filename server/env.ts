import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SECRET_FILE } from './storage/data-folder.js';
import { describeFsError, StartupError } from './startup-error.js';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Signs session cookies. Generated into DATA_DIR on first start when not given. */
  SESSION_SECRET: z
    .string()
    .refine((v) => v.trim().length >= 32, 'SESSION_SECRET must be at least 32 characters, not counting spaces')
    .optional(),
  /**
   * A PostgreSQL database for several nodes (ADR 027): `postgres://user:password@host:5432/name`.
   * Unset (or empty): SQLite in DATA_DIR. Never echoed in a message: it may hold a password.
   */
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().refine(isPostgresUrl, 'DATABASE_URL must be a PostgreSQL URL such as postgres://plenary:password@db.example.org:5432/plenary').optional(),
  ),
  /** The address people reach Plenary at, for the links it hands out (else taken from the request). */
  PUBLIC_URL: z.string().url('PUBLIC_URL must be a full URL such as https://plenary.example.org').optional(),
  /** A folder of catalogues (<code>.json) that add interface languages or fix built-in ones (ADR 024). */
  LOCALES_DIR: z.string().min(1).optional(),
  /**
   * Redis shared by several Plenary nodes: fan-out (ADR 028) and shared state (ADR 029): redis://[user:password@]host:port[/db],
   * or rediss:// for TLS. Unset: one process, no Redis.
   */
  REDIS_URL: z
    .string()
    .url('REDIS_URL must be a URL such as redis://127.0.0.1:6379')
    .refine((v) => /^rediss?:\/\//i.test(v), 'REDIS_URL must start with redis:// or rediss://')
    .optional(),
  /**
   * For benchmarks only ([PF10]; BENCHMARKS.md, "Coalescing updates over 2-5 ms"): how long, in
   * ms, a document's first change waits for others before they are stored and sent as one. 0
   * (production): one turn of the event loop, as always; a window does not act on phones'
   * commands, where a busy room's load is.
   */
  PLENARY_BATCH_MS: z.coerce
    .number()
    .int('PLENARY_BATCH_MS must be a whole number of milliseconds')
    .min(0)
    .max(50, 'PLENARY_BATCH_MS must be at most 50')
    .default(0),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}

/** Parses the environment once at start-up; a bad value stops the server with a clear message. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Plenary cannot start: the environment is not valid.\n${lines.join('\n')}`);
  }
  return result.data;
}

/** A secret shorter than this is refused: cookies signed with it could be forged. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The session secret: from the environment, else the one kept in DATA_DIR (made on first start);
 * with DATABASE_URL it must come from the environment ([SO9]).
 * A kept secret under 32 characters stops the server (an empty file is what a first start on a
 * full disk used to leave, and an empty key signs cookies anyone can forge). Call it once the
 * data folder is locked (`openDataFolder`), so two processes never race to make it.
 */
export function loadSessionSecret(env: Env): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.DATABASE_URL) {
    // Every node must sign and check cookies with the same key, and no node's folder is the place for it.
    throw new StartupError(
      `Plenary cannot start: with DATABASE_URL set, SESSION_SECRET must be set too (at least ${MIN_SECRET_LENGTH} characters, the same on every node).`,
    );
  }
  const file = path.join(env.DATA_DIR, SECRET_FILE);
  let kept: string | null = null;
  try {
    kept = fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StartupError(`Plenary cannot start: the session secret ${file} cannot be read: ${describeFsError(err) ?? (err as Error).message}.`);
    }
  }
  if (kept !== null) {
    if (kept.length >= MIN_SECRET_LENGTH) return kept;
    throw new StartupError(
      `Plenary cannot start: the session secret in ${file} is ${kept.length} characters long; it must be at least ${MIN_SECRET_LENGTH}. ` +
        'Session cookies signed with a short or empty secret can be forged. Delete the file to have Plenary make a new one ' +
        '(everyone signed in opens their link again, and the join link must be made again), or set SESSION_SECRET.',
    );
  }
  const secret = randomBytes(32).toString('base64url');
  writeAtomically(file, secret);
  return secret;
}

/**
 * Writes a whole file or nothing: a temporary file, flushed to disk, renamed over the name. A
 * full disk leaves no file at all (the next start tries again), never an empty or half one.
 */
function writeAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    // The rename itself is durable only once the folder is flushed.
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new StartupError(`Plenary cannot start: the session secret ${file} cannot be written: ${describeFsError(err) ?? (err as Error).message}.`);
  }
}
