import type Database from 'better-sqlite3';
import type { MinutesTranslation, TranslationResult } from './store.js';

/**
 * Translations of published minutes ([L60]): one row per (assembly, published version, language).
 * `CREATE ... IF NOT EXISTS` is the migration: a data folder from before translations gets the
 * table on its next start. A row is tied to the version it was made from (a foreign key), so a
 * newer version starts untranslated, and it goes with that version and with the assembly (ON
 * DELETE CASCADE, [X4]). Like the minutes draft (ADR 017), a row outlives its text (an emptied
 * translation keeps its revision), so a revision number never comes back.
 */
export const TRANSLATIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS minutes_translations (
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  language TEXT NOT NULL,
  markdown TEXT,
  revision INTEGER NOT NULL,
  updated_at INTEGER,
  PRIMARY KEY (assembly_id, version, language),
  FOREIGN KEY (assembly_id, version) REFERENCES minutes(assembly_id, version) ON DELETE CASCADE
) WITHOUT ROWID;
`;

interface TranslationRow {
  markdown: string | null;
  revision: number;
  updated_at: number | null;
}

/** The translation methods of SqliteStore: each check-and-write is one transaction. */
export class SqliteTranslations {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(TRANSLATIONS_SCHEMA);
    this.stmts = {
      get: db.prepare('SELECT markdown, revision, updated_at FROM minutes_translations WHERE assembly_id = ? AND version = ? AND language = ?'),
      list: db.prepare(
        'SELECT language, revision, updated_at FROM minutes_translations WHERE assembly_id = ? AND version = ? AND markdown IS NOT NULL ORDER BY language',
      ),
      versionExists: db.prepare('SELECT 1 FROM minutes WHERE assembly_id = ? AND version = ?'),
      put: db.prepare(
        `INSERT INTO minutes_translations (assembly_id, version, language, markdown, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(assembly_id, version, language) DO UPDATE SET markdown = excluded.markdown, revision = excluded.revision, updated_at = excluded.updated_at`,
      ),
    };
  }

  private read(assemblyId: string, version: number, language: string): MinutesTranslation {
    const row = this.stmts.get.get(assemblyId, version, language) as TranslationRow | undefined;
    return { version, language, markdown: row?.markdown ?? null, revision: row?.revision ?? 0, updatedAt: row?.updated_at ?? null };
  }

  async getMinutesTranslation(assemblyId: string, version: number, language: string): Promise<MinutesTranslation> {
    return this.read(assemblyId, version, language);
  }

  async listMinutesTranslations(assemblyId: string, version: number): Promise<{ language: string; revision: number; updatedAt: number }[]> {
    return (this.stmts.list.all(assemblyId, version) as { language: string; revision: number; updated_at: number }[]).map((r) => ({
      language: r.language,
      revision: r.revision,
      updatedAt: r.updated_at,
    }));
  }

  async saveMinutesTranslation(
    assemblyId: string,
    version: number,
    language: string,
    markdown: string | null,
    basedOn: number,
    at: number,
  ): Promise<TranslationResult> {
    return this.db.transaction((): TranslationResult => {
      if (!this.stmts.versionExists.get(assemblyId, version)) return { ok: false, current: null };
      const current = this.read(assemblyId, version, language);
      if (current.revision !== basedOn) return { ok: false, current };
      const next: MinutesTranslation = { version, language, markdown, revision: current.revision + 1, updatedAt: markdown === null ? null : at };
      this.stmts.put.run(assemblyId, version, language, markdown, next.revision, next.updatedAt);
      return { ok: true, translation: next };
    })();
  }
}
