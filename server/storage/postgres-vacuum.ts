/**
 * VACUUM after a delete (ADR 027, [SO12]): deleted rows stay in the table files as dead tuples
 * until a vacuum removes them, and autovacuum may wait a long time on a quiet table. VACUUM
 * cannot run inside a transaction, so it runs after the delete's commit, on a pooled connection,
 * in the background: the delete is done when it commits, and a failed or slow vacuum (another
 * node's long transaction still seeing the rows, a lock) is logged, never the delete's failure.
 * Requests that arrive while one runs are folded into the next run.
 */
import type { Logger } from '../logger.js';
import type { PgDb } from './postgres-db.js';

/** Tables Plenary owns; nothing else is ever named in a VACUUM. */
const TABLES = new Set([
  'assemblies',
  'links',
  'join_codes',
  'doc_updates',
  'doc_snapshots',
  'minutes',
  'minutes_drafts',
  'minutes_translations',
  'voting_rights',
  'votes',
  'votes_cast',
]);

export class Vacuumer {
  private wanted = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  private queued = false;

  constructor(
    private readonly db: PgDb,
    private readonly logger: Logger,
  ) {}

  /** Vacuums `tables` soon; resolves when that vacuum has run (or failed and been logged). */
  schedule(tables: string[]): Promise<void> {
    for (const t of tables) if (TABLES.has(t)) this.wanted.add(t);
    if (!this.queued) {
      this.queued = true;
      this.running = this.running.then(() => this.run());
    }
    return this.running;
  }

  /** Resolves once every vacuum asked for so far has run. */
  settled(): Promise<void> {
    return this.running;
  }

  private async run(): Promise<void> {
    this.queued = false;
    const tables = [...this.wanted];
    this.wanted.clear();
    if (tables.length === 0) return;
    const started = Date.now();
    try {
      // INDEX_CLEANUP ON: since Postgres 14 a vacuum may skip the indexes when few rows died,
      // leaving the deleted keys (token hashes, document names) in them.
      await this.db.query(`VACUUM (INDEX_CLEANUP ON) ${tables.join(', ')}`, [], Infinity);
      this.logger.debug('vacuumed after a delete', { tables: tables.join(','), ms: Date.now() - started });
    } catch (err) {
      this.logger.warn('vacuum after a delete failed; autovacuum will get to it', { tables: tables.join(','), error: (err as Error).message });
    }
  }
}
