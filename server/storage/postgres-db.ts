/**
 * The connection pool every Postgres part shares, with the two ways they use it: one statement,
 * or one transaction. Errors that mean the database is out of reach come out as
 * StorageUnavailableError (503 and retry, like a full disk on SQLite); the rest as they are.
 */
import pg from 'pg';
import type { Logger } from '../logger.js';
import { StorageUnavailableError } from './unavailable.js';

/** Milliseconds since the epoch and sequence numbers are BIGINT: read them as numbers (they stay under 2^53). */
const TYPES = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

/**
 * SQLSTATE classes and codes that say the server, not the statement, is the problem: connection
 * exceptions, out of resources (disk full, too many connections), shut down, system errors, and a
 * read-only transaction (a failover left us on a standby).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-4]|58|25006$)/;
/** Socket errors on the way to the server. */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What pg says, without a code, when a connection dies or cannot be had in time. */
const UNAVAILABLE_MESSAGE = /Connection terminated|connection error|timeout exceeded when trying to connect|not queryable|terminating connection/i;

/** Whether a driver error means the database cannot be reached right now. */
export function isUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string') return UNAVAILABLE_SQLSTATE.test(e.code) || NET_CODES.has(e.code);
  return typeof e?.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message);
}

function translate(err: unknown): unknown {
  if (err instanceof StorageUnavailableError || !isUnreachable(err)) return err;
  return new StorageUnavailableError(`the database cannot be reached: ${(err as Error).message}`, { cause: err });
}

/** Serialization failures and deadlocks: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/** A connection in a transaction, or the pool (a statement of its own). */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface PgDbOptions {
  /** Connections per process; several nodes on one database each have this many. */
  max?: number;
  /** How long a query waits for a connection before the store says it is unavailable. */
  connectionTimeoutMs?: number;
  /**
   * How long a statement or transaction may take before its connection is dropped and the store
   * says it is unavailable: a network that stalls (TCP up, nothing arriving) would otherwise hold
   * a document's saves, and everything queued behind them, for ever.
   */
  queryTimeoutMs?: number;
}

export class PgDb implements Queryable {
  private readonly pool: pg.Pool;
  private readonly queryTimeoutMs: number;

  constructor(connectionString: string, logger: Logger, options: PgDbOptions = {}) {
    this.queryTimeoutMs = options.queryTimeoutMs ?? 20_000;
    this.pool = new pg.Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      types: TYPES,
    });
    // An idle connection dropped by the server is an event, not a crash: the next query takes a new one.
    this.pool.on('error', (err) => logger.warn('a database connection was lost', { error: err.message }));
  }

  /**
   * Runs `work` on one pooled connection, within `timeoutMs`: past it the connection is dropped
   * (Postgres rolls back whatever it was doing) and the call fails as unavailable.
   */
  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>, timeoutMs: number): Promise<{ result: T } | { error: unknown }> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      return { error: translate(err) };
    }
    let timer: NodeJS.Timeout | undefined;
    let drop = false;
    // A connection lost while checked out emits 'error'; unheard, that would end the process.
    const onError = () => {
      drop = true;
    };
    client.on('error', onError);
    const running = work(client).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const timedOut = new Promise<{ error: unknown }>((resolve) => {
      if (!Number.isFinite(timeoutMs)) return;
      timer = setTimeout(() => {
        drop = true;
        resolve({ error: new StorageUnavailableError(`the database did not answer within ${timeoutMs} ms`) });
      }, timeoutMs);
    });
    try {
      const outcome = await Promise.race([running, timedOut]);
      if ('error' in outcome && isUnreachable(outcome.error)) drop = true;
      return outcome;
    } finally {
      clearTimeout(timer);
      client.off('error', onError);
      client.release(drop);
    }
  }

  /** One statement (a transaction of its own). `timeoutMs`: Infinity for maintenance (VACUUM). */
  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], timeoutMs = this.queryTimeoutMs): Promise<pg.QueryResult<R>> {
    const outcome = await this.withClient((c) => c.query<R>(sql, params), timeoutMs);
    if ('error' in outcome) throw translate(outcome.error);
    return outcome.result;
  }

  /**
   * Runs `work` in one transaction on one connection: committed if it returns, rolled back if it
   * throws. Run again (a few times) when Postgres reports a serialization failure or deadlock.
   */
  async tx<T>(work: (client: Queryable) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.withClient(async (c) => {
        await c.query(begin);
        try {
          const result = await work(c);
          await c.query('COMMIT');
          return result;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }, this.queryTimeoutMs);
      if (!('error' in outcome)) return outcome.result;
      const code = (outcome.error as { code?: string }).code;
      if (code && RETRYABLE.has(code) && attempt < 5) continue;
      throw translate(outcome.error);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A Buffer view of bytes for a BYTEA parameter (no copy). */
export const bytes = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
/** A plain Uint8Array view of a BYTEA column, as the SQLite store returns. */
export const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
/** SQLSTATE of a unique violation, and the constraint it names. */
export const uniqueViolation = (err: unknown): string | null =>
  (err as { code?: string }).code === '23505' ? ((err as { constraint?: string }).constraint ?? '') : null;
