/**
 * The Postgres schema as numbered migrations (ADR 027). At start every node runs `migrate`: one
 * transaction that first takes a transaction-level advisory lock, so of several nodes starting at
 * once one migrates and the others wait, then find every migration applied. A migration is never
 * edited once released: a change of schema is a new one at the end.
 */
import { StartupError } from '../startup-error.js';
import type { PgDb } from './postgres-db.js';

/** The advisory lock key of migrations (any fixed number; "plen" in ASCII). */
const MIGRATION_LOCK = 0x706c656e;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'everything SQLite holds',
    sql: `
CREATE TABLE assemblies (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  delete_after_days INTEGER
);
CREATE TABLE links (
  id TEXT PRIMARY KEY,
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  scope TEXT,
  label TEXT,
  token_hash BYTEA NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  sealed_token BYTEA,
  can_vote BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX links_assembly ON links(assembly_id);
CREATE TABLE join_codes (
  code_hash BYTEA PRIMARY KEY,
  link_id TEXT NOT NULL UNIQUE REFERENCES links(id) ON DELETE CASCADE,
  sealed_code BYTEA NOT NULL
);
-- A document's rows name their assembly (the part of the name before the first '/'), and the
-- foreign key makes an update for a deleted assembly's document fail instead of outliving it:
-- another node may still hold the document open while the assembly is deleted.
CREATE TABLE doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  doc TEXT NOT NULL,
  assembly_id TEXT GENERATED ALWAYS AS (split_part(doc, '/', 1)) STORED NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  data BYTEA NOT NULL
);
CREATE INDEX doc_updates_doc ON doc_updates(doc, seq);
CREATE INDEX doc_updates_assembly ON doc_updates(assembly_id);
CREATE TABLE doc_snapshots (
  doc TEXT PRIMARY KEY,
  assembly_id TEXT GENERATED ALWAYS AS (split_part(doc, '/', 1)) STORED NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  data BYTEA NOT NULL,
  upto_seq BIGINT NOT NULL
);
CREATE INDEX doc_snapshots_assembly ON doc_snapshots(assembly_id);
CREATE TABLE minutes (
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  markdown TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  PRIMARY KEY (assembly_id, version)
);
CREATE TABLE minutes_drafts (
  assembly_id TEXT PRIMARY KEY REFERENCES assemblies(id) ON DELETE CASCADE,
  markdown TEXT,
  revision INTEGER NOT NULL,
  saved_at BIGINT
);
CREATE TABLE minutes_translations (
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  language TEXT NOT NULL,
  markdown TEXT,
  revision INTEGER NOT NULL,
  updated_at BIGINT,
  PRIMARY KEY (assembly_id, version, language),
  FOREIGN KEY (assembly_id, version) REFERENCES minutes(assembly_id, version) ON DELETE CASCADE
);
CREATE TABLE voting_rights (
  id TEXT PRIMARY KEY,
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  code_hash BYTEA NOT NULL UNIQUE,
  sealed_code BYTEA,
  issued_at BIGINT NOT NULL,
  revoked_at BIGINT,
  holder TEXT,
  UNIQUE (assembly_id, number)
);
-- One live right per holder: of two codes redeemed at once by one phone, the second fails here.
CREATE UNIQUE INDEX voting_rights_holder ON voting_rights(assembly_id, holder) WHERE holder IS NOT NULL AND revoked_at IS NULL;
CREATE INDEX voting_rights_by_holder ON voting_rights(assembly_id, holder) WHERE holder IS NOT NULL;
CREATE TABLE votes (
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  proposal_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed', 'void')),
  n_for INTEGER,
  n_against INTEGER,
  n_abstain INTEGER,
  PRIMARY KEY (assembly_id, proposal_id)
);
CREATE TABLE votes_cast (
  assembly_id TEXT NOT NULL,
  proposal_id TEXT NOT NULL,
  right_id TEXT NOT NULL REFERENCES voting_rights(id) ON DELETE CASCADE,
  PRIMARY KEY (assembly_id, proposal_id, right_id),
  FOREIGN KEY (assembly_id, proposal_id) REFERENCES votes(assembly_id, proposal_id) ON DELETE CASCADE
);
`,
  },
];

/**
 * Applies every migration the database lacks, in order, in one transaction under the migration
 * lock. Refuses (StartupError) a database migrated by a newer Plenary: this code does not know
 * its tables.
 */
export async function migrate(db: PgDb, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set((await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      throw new StartupError(
        `Plenary cannot start: the database was migrated by a newer Plenary (schema version ${Math.max(...unknown)}; this one knows up to ${Math.max(...known)}). Run the newer version, or restore a backup made for this one.`,
      );
    }
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
