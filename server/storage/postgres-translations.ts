/**
 * Translations of published minutes in Postgres ([L60]). A save locks the published version's
 * row: saves of one version take turns across nodes, and the version cannot be deleted under one.
 */
import type { PgDb, Queryable } from './postgres-db.js';
import type { MinutesTranslation, TranslationResult } from './store.js';

async function read(c: Queryable, assemblyId: string, version: number, language: string): Promise<MinutesTranslation> {
  const row = (
    await c.query<{ markdown: string | null; revision: number; updated_at: number | null }>(
      'SELECT markdown, revision, updated_at FROM minutes_translations WHERE assembly_id = $1 AND version = $2 AND language = $3',
      [assemblyId, version, language],
    )
  ).rows[0];
  return { version, language, markdown: row?.markdown ?? null, revision: row?.revision ?? 0, updatedAt: row?.updated_at ?? null };
}

export class PgTranslations {
  constructor(private readonly db: PgDb) {}

  getMinutesTranslation(assemblyId: string, version: number, language: string): Promise<MinutesTranslation> {
    return read(this.db, assemblyId, version, language);
  }

  async listMinutesTranslations(assemblyId: string, version: number): Promise<{ language: string; revision: number; updatedAt: number }[]> {
    const { rows } = await this.db.query<{ language: string; revision: number; updated_at: number }>(
      `SELECT language, revision, updated_at FROM minutes_translations
       WHERE assembly_id = $1 AND version = $2 AND markdown IS NOT NULL ORDER BY language COLLATE "C"`,
      [assemblyId, version],
    );
    return rows.map((r) => ({ language: r.language, revision: r.revision, updatedAt: r.updated_at }));
  }

  saveMinutesTranslation(
    assemblyId: string,
    version: number,
    language: string,
    markdown: string | null,
    basedOn: number,
    at: number,
  ): Promise<TranslationResult> {
    return this.db.tx(async (c): Promise<TranslationResult> => {
      // The assembly's row first (as deleteAssembly takes it), then the version's: no deadlock with a delete.
      await c.query('SELECT 1 FROM assemblies WHERE id = $1 FOR KEY SHARE', [assemblyId]);
      const published = await c.query('SELECT 1 FROM minutes WHERE assembly_id = $1 AND version = $2 FOR NO KEY UPDATE', [assemblyId, version]);
      if (!published.rowCount) return { ok: false, current: null };
      const current = await read(c, assemblyId, version, language);
      if (current.revision !== basedOn) return { ok: false, current };
      const next: MinutesTranslation = { version, language, markdown, revision: current.revision + 1, updatedAt: markdown === null ? null : at };
      await c.query(
        `INSERT INTO minutes_translations (assembly_id, version, language, markdown, revision, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (assembly_id, version, language) DO UPDATE SET markdown = excluded.markdown, revision = excluded.revision, updated_at = excluded.updated_at`,
        [assemblyId, version, language, markdown, next.revision, next.updatedAt],
      );
      return { ok: true, translation: next };
    });
  }
}
