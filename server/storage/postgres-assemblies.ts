/**
 * Assemblies, their deletion and the deletion schedule in Postgres. Deleting is one transaction
 * over every table (the documents by their assembly column, everything else through ON DELETE
 * CASCADE), then a VACUUM of those tables once committed ([SO11], [SO12]).
 */
import type { PgDb } from './postgres-db.js';
import type { Vacuumer } from './postgres-vacuum.js';
import type { AssemblyRecord } from './store.js';

/** What deleting an assembly touches, for the vacuum that follows. */
export const ASSEMBLY_TABLES = [
  'doc_updates',
  'doc_snapshots',
  'join_codes',
  'links',
  'minutes_translations',
  'minutes_drafts',
  'minutes',
  'votes_cast',
  'votes',
  'voting_rights',
  'assemblies',
];

export class PgAssemblies {
  constructor(
    private readonly db: PgDb,
    private readonly vacuum: Vacuumer,
  ) {}

  async createAssembly(a: AssemblyRecord): Promise<void> {
    await this.db.query('INSERT INTO assemblies (id, title, created_at) VALUES ($1, $2, $3)', [a.id, a.title, a.createdAt]);
  }

  async getAssembly(id: string): Promise<AssemblyRecord | null> {
    const row = (await this.db.query<{ id: string; title: string; created_at: number }>('SELECT id, title, created_at FROM assemblies WHERE id = $1', [id]))
      .rows[0];
    return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null;
  }

  async deleteAssembly(id: string): Promise<void> {
    const deleted = await this.db.tx(async (c) => {
      // The assembly's row first: from here no other node can add a row that names it (the
      // foreign keys wait on this lock, then fail), so nothing of it outlives the commit.
      await c.query('SELECT 1 FROM assemblies WHERE id = $1 FOR UPDATE', [id]);
      let rows = (await c.query('DELETE FROM doc_updates WHERE assembly_id = $1', [id])).rowCount ?? 0;
      rows += (await c.query('DELETE FROM doc_snapshots WHERE assembly_id = $1', [id])).rowCount ?? 0;
      rows += (await c.query('DELETE FROM assemblies WHERE id = $1', [id])).rowCount ?? 0;
      return rows;
    });
    // Every node that hears of a deletion deletes again (ADR 028): only a delete that found rows vacuums.
    if (deleted > 0) void this.vacuum.schedule(ASSEMBLY_TABLES);
  }

  async setDeleteAfterDays(id: string, days: number | null): Promise<void> {
    await this.db.query('UPDATE assemblies SET delete_after_days = $1 WHERE id = $2', [days, id]);
  }

  async getDeleteAfterDays(id: string): Promise<number | null> {
    return (
      (await this.db.query<{ delete_after_days: number | null }>('SELECT delete_after_days FROM assemblies WHERE id = $1', [id])).rows[0]?.delete_after_days ??
      null
    );
  }

  async listDeleteAfter(): Promise<{ id: string; days: number }[]> {
    const { rows } = await this.db.query<{ id: string; delete_after_days: number }>(
      'SELECT id, delete_after_days FROM assemblies WHERE delete_after_days IS NOT NULL ORDER BY id',
    );
    return rows.map((r) => ({ id: r.id, days: r.delete_after_days }));
  }
}
