import type Database from 'better-sqlite3';
import type { DraftResult, MinutesDraft } from './store.js';

/**
 * The minutes draft table (ADR 017). `CREATE ... IF NOT EXISTS` is the migration: a data folder
 * from before drafts gets the table on its next start. A row outlives its text (discarding or
 * publishing sets `markdown` to NULL and counts the revision on), so an old revision never
 * matches again; the row goes with the assembly (ON DELETE CASCADE).
 */
export const DRAFTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS minutes_drafts (
  assembly_id TEXT PRIMARY KEY REFERENCES assemblies(id) ON DELETE CASCADE,
  markdown TEXT,
  revision INTEGER NOT NULL,
  saved_at INTEGER
) WITHOUT ROWID;
`;

interface DraftRow {
  markdown: string | null;
  revision: number;
  saved_at: number | null;
}

const NONE: MinutesDraft = { markdown: null, revision: 0, savedAt: null };

/** The draft methods of SqliteStore: each check-and-write is one transaction. */
export class SqliteDrafts {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(DRAFTS_SCHEMA);
    this.stmts = {
      get: db.prepare('SELECT markdown, revision, saved_at FROM minutes_drafts WHERE assembly_id = ?'),
      assemblyExists: db.prepare('SELECT 1 FROM assemblies WHERE id = ?'),
      put: db.prepare(
        `INSERT INTO minutes_drafts (assembly_id, markdown, revision, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(assembly_id) DO UPDATE SET markdown = excluded.markdown, revision = excluded.revision, saved_at = excluded.saved_at`,
      ),
      nextMinutesVersion: db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM minutes WHERE assembly_id = ?'),
      insertMinutes: db.prepare('INSERT INTO minutes (assembly_id, version, markdown, published_at) VALUES (?, ?, ?, ?)'),
    };
  }

  private read(assemblyId: string): MinutesDraft {
    const row = this.stmts.get.get(assemblyId) as DraftRow | undefined;
    return row ? { markdown: row.markdown, revision: row.revision, savedAt: row.saved_at } : NONE;
  }

  /**
   * Runs `write` with the current draft if `basedOn` is its revision and the assembly exists;
   * then stores `next` under the following revision.
   */
  private checked<T>(
    assemblyId: string,
    basedOn: number,
    next: (current: MinutesDraft) => { markdown: string | null; savedAt: number | null; result: T },
  ): DraftResult<T> {
    return this.db.transaction((): DraftResult<T> => {
      const current = this.read(assemblyId);
      if (current.revision !== basedOn || !this.stmts.assemblyExists.get(assemblyId)) return { ok: false, current };
      const { markdown, savedAt, result } = next(current);
      this.stmts.put.run(assemblyId, markdown, current.revision + 1, savedAt);
      return { ok: true, ...result };
    })();
  }

  async getMinutesDraft(assemblyId: string): Promise<MinutesDraft> {
    return this.read(assemblyId);
  }

  async saveMinutesDraft(assemblyId: string, markdown: string, basedOn: number, at: number): Promise<DraftResult<{ draft: MinutesDraft }>> {
    return this.checked(assemblyId, basedOn, (current) => ({
      markdown,
      savedAt: at,
      result: { draft: { markdown, revision: current.revision + 1, savedAt: at } },
    }));
  }

  async discardMinutesDraft(assemblyId: string, basedOn: number): Promise<DraftResult<{ draft: MinutesDraft }>> {
    return this.checked(assemblyId, basedOn, (current) => ({
      markdown: null,
      savedAt: null,
      result: { draft: { markdown: null, revision: current.revision + 1, savedAt: null } },
    }));
  }

  async publishMinutesDraft(assemblyId: string, markdown: string, basedOn: number, at: number): Promise<DraftResult<{ version: number }>> {
    return this.checked(assemblyId, basedOn, () => {
      const version = (this.stmts.nextMinutesVersion.get(assemblyId) as { v: number }).v;
      this.stmts.insertMinutes.run(assemblyId, version, markdown, at);
      return { markdown: null, savedAt: null, result: { version } };
    });
  }
}
