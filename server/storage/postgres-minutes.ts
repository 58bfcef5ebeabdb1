/**
 * Published minutes and the minutes draft in Postgres (ADR 017). Version numbers are MAX + 1, so
 * whatever publishes takes the assembly's row first (FOR NO KEY UPDATE): two nodes publishing at
 * once take turns instead of colliding on a number. A draft's check-and-write holds the same lock.
 */
import type { PgDb, Queryable } from './postgres-db.js';
import type { DraftResult, MinutesDraft, PublishedMinutes } from './store.js';

const NONE: MinutesDraft = { markdown: null, revision: 0, savedAt: null };

/** Locks the assembly's row for this transaction; false when there is no such assembly. */
async function lockAssembly(c: Queryable, assemblyId: string): Promise<boolean> {
  return ((await c.query('SELECT 1 FROM assemblies WHERE id = $1 FOR NO KEY UPDATE', [assemblyId])).rowCount ?? 0) > 0;
}

async function insertVersion(c: Queryable, assemblyId: string, markdown: string, at: number): Promise<number> {
  const { rows } = await c.query<{ version: number }>(
    `INSERT INTO minutes (assembly_id, version, markdown, published_at)
     SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM minutes WHERE assembly_id = $1
     RETURNING version`,
    [assemblyId, markdown, at],
  );
  return rows[0].version;
}

async function readDraft(c: Queryable, assemblyId: string): Promise<MinutesDraft> {
  const row = (
    await c.query<{ markdown: string | null; revision: number; saved_at: number | null }>(
      'SELECT markdown, revision, saved_at FROM minutes_drafts WHERE assembly_id = $1',
      [assemblyId],
    )
  ).rows[0];
  return row ? { markdown: row.markdown, revision: row.revision, savedAt: row.saved_at } : NONE;
}

export class PgMinutes {
  constructor(private readonly db: PgDb) {}

  async publishMinutes(assemblyId: string, markdown: string, at: number): Promise<number> {
    return this.db.tx(async (c) => {
      await lockAssembly(c, assemblyId);
      return insertVersion(c, assemblyId, markdown, at);
    });
  }

  async getMinutes(assemblyId: string, version?: number): Promise<PublishedMinutes | null> {
    const { rows } =
      version === undefined
        ? await this.db.query<{ version: number; markdown: string; published_at: number }>(
            'SELECT version, markdown, published_at FROM minutes WHERE assembly_id = $1 ORDER BY version DESC LIMIT 1',
            [assemblyId],
          )
        : await this.db.query<{ version: number; markdown: string; published_at: number }>(
            'SELECT version, markdown, published_at FROM minutes WHERE assembly_id = $1 AND version = $2',
            [assemblyId, version],
          );
    return rows[0] ? { version: rows[0].version, markdown: rows[0].markdown, publishedAt: rows[0].published_at } : null;
  }

  async listMinutes(assemblyId: string): Promise<{ version: number; publishedAt: number }[]> {
    const { rows } = await this.db.query<{ version: number; published_at: number }>(
      'SELECT version, published_at FROM minutes WHERE assembly_id = $1 ORDER BY version',
      [assemblyId],
    );
    return rows.map((r) => ({ version: r.version, publishedAt: r.published_at }));
  }

  async getMinutesDraft(assemblyId: string): Promise<MinutesDraft> {
    return readDraft(this.db, assemblyId);
  }

  /**
   * Runs `next` with the current draft if `basedOn` is its revision and the assembly exists, then
   * stores what it returns under the following revision; all under the assembly's lock.
   */
  private checked<T>(
    assemblyId: string,
    basedOn: number,
    next: (c: Queryable, current: MinutesDraft) => Promise<{ markdown: string | null; savedAt: number | null; result: T }>,
  ): Promise<DraftResult<T>> {
    return this.db.tx(async (c): Promise<DraftResult<T>> => {
      const exists = await lockAssembly(c, assemblyId);
      const current = await readDraft(c, assemblyId);
      if (!exists || current.revision !== basedOn) return { ok: false, current };
      const { markdown, savedAt, result } = await next(c, current);
      await c.query(
        `INSERT INTO minutes_drafts (assembly_id, markdown, revision, saved_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (assembly_id) DO UPDATE SET markdown = excluded.markdown, revision = excluded.revision, saved_at = excluded.saved_at`,
        [assemblyId, markdown, current.revision + 1, savedAt],
      );
      return { ok: true, ...result };
    });
  }

  saveMinutesDraft(assemblyId: string, markdown: string, basedOn: number, at: number): Promise<DraftResult<{ draft: MinutesDraft }>> {
    return this.checked(assemblyId, basedOn, async (_c, current) => ({
      markdown,
      savedAt: at,
      result: { draft: { markdown, revision: current.revision + 1, savedAt: at } },
    }));
  }

  discardMinutesDraft(assemblyId: string, basedOn: number): Promise<DraftResult<{ draft: MinutesDraft }>> {
    return this.checked(assemblyId, basedOn, async (_c, current) => ({
      markdown: null,
      savedAt: null,
      result: { draft: { markdown: null, revision: current.revision + 1, savedAt: null } },
    }));
  }

  publishMinutesDraft(assemblyId: string, markdown: string, basedOn: number, at: number): Promise<DraftResult<{ version: number }>> {
    return this.checked(assemblyId, basedOn, async (c) => {
      const version = await insertVersion(c, assemblyId, markdown, at);
      return { markdown: null, savedAt: null, result: { version } };
    });
  }
}
