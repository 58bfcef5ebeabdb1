import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AssemblyRecord, Choice, Compaction, LinkRecord, NewVotingRight, PublishedMinutes, Store, StoredDoc } from './store.js';
import { foldUpdates } from './fold.js';
import { migrateBallots, SqliteBallots } from './sqlite-ballots.js';
import { SqliteDrafts } from './sqlite-drafts.js';
import { SqliteJoinCodes } from './sqlite-join-codes.js';
import { SqliteTranslations } from './sqlite-translations.js';
import { type LinkRow, toLink } from './rows.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS assemblies (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
  id TEXT PRIMARY KEY,
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  scope TEXT,
  label TEXT,
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  sealed_token BLOB
);
CREATE INDEX IF NOT EXISTS links_assembly ON links(assembly_id);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  doc TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates(doc, seq);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  doc TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS minutes (
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  markdown TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (assembly_id, version)
);
CREATE TABLE IF NOT EXISTS voting_rights (
  id TEXT PRIMARY KEY,
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  code_hash BLOB NOT NULL UNIQUE,
  sealed_code BLOB,
  issued_at INTEGER NOT NULL,
  revoked_at INTEGER,
  holder TEXT,
  UNIQUE (assembly_id, number)
);
CREATE UNIQUE INDEX IF NOT EXISTS voting_rights_holder ON voting_rights(assembly_id, holder) WHERE holder IS NOT NULL AND revoked_at IS NULL;
-- Every right a holder ever held, withdrawn ones too: "has this phone voted" looks them all up.
CREATE INDEX IF NOT EXISTS voting_rights_by_holder ON voting_rights(assembly_id, holder) WHERE holder IS NOT NULL;
CREATE TABLE IF NOT EXISTS votes (
  assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
  proposal_id TEXT NOT NULL,
  state TEXT NOT NULL,
  n_for INTEGER,
  n_against INTEGER,
  n_abstain INTEGER,
  PRIMARY KEY (assembly_id, proposal_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS votes_cast (
  assembly_id TEXT NOT NULL,
  proposal_id TEXT NOT NULL,
  right_id TEXT NOT NULL REFERENCES voting_rights(id) ON DELETE CASCADE,
  PRIMARY KEY (assembly_id, proposal_id, right_id),
  FOREIGN KEY (assembly_id, proposal_id) REFERENCES votes(assembly_id, proposal_id) ON DELETE CASCADE
) WITHOUT ROWID;
`;

/** Columns added after the first release, for data folders made before them. */
const MIGRATIONS: { table: string; column: string; ddl: string }[] = [
  { table: 'links', column: 'can_vote', ddl: 'ALTER TABLE links ADD COLUMN can_vote INTEGER NOT NULL DEFAULT 1' },
  { table: 'assemblies', column: 'delete_after_days', ddl: 'ALTER TABLE assemblies ADD COLUMN delete_after_days INTEGER' },
];

/**
 * SQLite through better-sqlite3: WAL, `synchronous = NORMAL` (a committed transaction survives
 * the process being killed; see docs/decisions/003-durability.md) and `secure_delete` so
 * deleted assemblies do not linger in free pages.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly ballots: SqliteBallots;
  private readonly drafts: SqliteDrafts;
  private readonly joinCodes: SqliteJoinCodes;
  private readonly translations: SqliteTranslations;

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    for (const m of MIGRATIONS) {
      const columns = this.db.prepare(`PRAGMA table_info(${m.table})`).all() as { name: string }[];
      if (!columns.some((c) => c.name === m.column)) this.db.exec(m.ddl);
    }
    migrateBallots(this.db);
    this.ballots = new SqliteBallots(this.db);
    this.drafts = new SqliteDrafts(this.db);
    this.joinCodes = new SqliteJoinCodes(this.db);
    this.translations = new SqliteTranslations(this.db);
    const db = this.db;
    this.stmts = {
      insertAssembly: db.prepare('INSERT INTO assemblies (id, title, created_at) VALUES (?, ?, ?)'),
      getAssembly: db.prepare('SELECT id, title, created_at FROM assemblies WHERE id = ?'),
      deleteAssembly: db.prepare('DELETE FROM assemblies WHERE id = ?'),
      deleteDocUpdates: db.prepare("DELETE FROM doc_updates WHERE doc LIKE ? ESCAPE '\\'"),
      deleteDocSnapshots: db.prepare("DELETE FROM doc_snapshots WHERE doc LIKE ? ESCAPE '\\'"),
      insertLink: db.prepare(
        `INSERT INTO links (id, assembly_id, role, scope, label, token_hash, created_at, revoked_at, sealed_token, can_vote)
         VALUES (@id, @assemblyId, @role, @scope, @label, @tokenHash, @createdAt, @revokedAt, @sealedToken, @canVote)`,
      ),
      getLink: db.prepare('SELECT * FROM links WHERE id = ?'),
      findLink: db.prepare('SELECT * FROM links WHERE token_hash = ?'),
      listLinks: db.prepare('SELECT * FROM links WHERE assembly_id = ? ORDER BY created_at, id'),
      revokeLink: db.prepare('UPDATE links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
      appendUpdate: db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
      getSnapshot: db.prepare('SELECT data, upto_seq FROM doc_snapshots WHERE doc = ?'),
      getUpdates: db.prepare('SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq'),
      getUpdatesUpTo: db.prepare('SELECT seq, data FROM doc_updates WHERE doc = ? AND seq <= ? ORDER BY seq'),
      upsertSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (doc, data, upto_seq) VALUES (?, ?, ?)
         ON CONFLICT(doc) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq
         WHERE excluded.upto_seq >= doc_snapshots.upto_seq`,
      ),
      dropUpdatesUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
      setDeleteAfter: db.prepare('UPDATE assemblies SET delete_after_days = ? WHERE id = ?'),
      getDeleteAfter: db.prepare('SELECT delete_after_days FROM assemblies WHERE id = ?'),
      listDeleteAfter: db.prepare('SELECT id, delete_after_days FROM assemblies WHERE delete_after_days IS NOT NULL'),
      nextMinutesVersion: db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM minutes WHERE assembly_id = ?'),
      insertMinutes: db.prepare('INSERT INTO minutes (assembly_id, version, markdown, published_at) VALUES (?, ?, ?, ?)'),
      getMinutes: db.prepare('SELECT version, markdown, published_at FROM minutes WHERE assembly_id = ? AND version = ?'),
      latestMinutes: db.prepare('SELECT version, markdown, published_at FROM minutes WHERE assembly_id = ? ORDER BY version DESC LIMIT 1'),
      listMinutes: db.prepare('SELECT version, published_at FROM minutes WHERE assembly_id = ? ORDER BY version'),
    };
  }

  async createAssembly(a: AssemblyRecord): Promise<void> {
    this.stmts.insertAssembly.run(a.id, a.title, a.createdAt);
  }

  async getAssembly(id: string): Promise<AssemblyRecord | null> {
    const row = this.stmts.getAssembly.get(id) as { id: string; title: string; created_at: number } | undefined;
    return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null;
  }

  async deleteAssembly(id: string): Promise<void> {
    const prefix = `${id.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
    this.db.transaction(() => {
      this.stmts.deleteDocUpdates.run(prefix);
      this.stmts.deleteDocSnapshots.run(prefix);
      this.stmts.deleteAssembly.run(id); // links cascade
    })();
    // Checkpoint so the overwritten pages leave the WAL file too.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async setDeleteAfterDays(id: string, days: number | null): Promise<void> {
    this.stmts.setDeleteAfter.run(days, id);
  }

  async getDeleteAfterDays(id: string): Promise<number | null> {
    return (this.stmts.getDeleteAfter.get(id) as { delete_after_days: number | null } | undefined)?.delete_after_days ?? null;
  }

  async listDeleteAfter(): Promise<{ id: string; days: number }[]> {
    return (this.stmts.listDeleteAfter.all() as { id: string; delete_after_days: number }[]).map((r) => ({ id: r.id, days: r.delete_after_days }));
  }

  async publishMinutes(assemblyId: string, markdown: string, at: number): Promise<number> {
    return this.db.transaction(() => {
      const version = (this.stmts.nextMinutesVersion.get(assemblyId) as { v: number }).v;
      this.stmts.insertMinutes.run(assemblyId, version, markdown, at);
      return version;
    })();
  }

  async getMinutes(assemblyId: string, version?: number): Promise<PublishedMinutes | null> {
    const row = (version === undefined ? this.stmts.latestMinutes.get(assemblyId) : this.stmts.getMinutes.get(assemblyId, version)) as
      { version: number; markdown: string; published_at: number } | undefined;
    return row ? { version: row.version, markdown: row.markdown, publishedAt: row.published_at } : null;
  }

  async listMinutes(assemblyId: string): Promise<{ version: number; publishedAt: number }[]> {
    return (this.stmts.listMinutes.all(assemblyId) as { version: number; published_at: number }[]).map((r) => ({
      version: r.version,
      publishedAt: r.published_at,
    }));
  }

  // The minutes draft (ADR 017): sqlite-drafts.ts.
  getMinutesDraft = (assemblyId: string) => this.drafts.getMinutesDraft(assemblyId);
  saveMinutesDraft = (assemblyId: string, markdown: string, basedOn: number, at: number) => this.drafts.saveMinutesDraft(assemblyId, markdown, basedOn, at);
  discardMinutesDraft = (assemblyId: string, basedOn: number) => this.drafts.discardMinutesDraft(assemblyId, basedOn);
  publishMinutesDraft = (assemblyId: string, markdown: string, basedOn: number, at: number) =>
    this.drafts.publishMinutesDraft(assemblyId, markdown, basedOn, at);

  // Translations of published minutes ([L60]): sqlite-translations.ts.
  getMinutesTranslation = (assemblyId: string, version: number, language: string) => this.translations.getMinutesTranslation(assemblyId, version, language);
  listMinutesTranslations = (assemblyId: string, version: number) => this.translations.listMinutesTranslations(assemblyId, version);
  saveMinutesTranslation = (assemblyId: string, version: number, language: string, markdown: string | null, basedOn: number, at: number) =>
    this.translations.saveMinutesTranslation(assemblyId, version, language, markdown, basedOn, at);

  // Voting rights and ballots (ADR 014): sqlite-ballots.ts.
  issueRights = (assemblyId: string, rights: NewVotingRight[], at: number) => this.ballots.issueRights(assemblyId, rights, at);
  listRights = (assemblyId: string) => this.ballots.listRights(assemblyId);
  countRights = (assemblyId: string) => this.ballots.countRights(assemblyId);
  revokeRight = (assemblyId: string, number: number, at: number) => this.ballots.revokeRight(assemblyId, number, at);
  redeemRight = (assemblyId: string, codeHash: Uint8Array, holder: string) => this.ballots.redeemRight(assemblyId, codeHash, holder);
  holdsRight = (assemblyId: string, holder: string) => this.ballots.holdsRight(assemblyId, holder);
  openBallot = (assemblyId: string, proposalId: string) => this.ballots.openBallot(assemblyId, proposalId);
  castBallot = (assemblyId: string, proposalId: string, holder: string) => this.ballots.castBallot(assemblyId, proposalId, holder);
  hasVoted = (assemblyId: string, proposalId: string, holder: string) => this.ballots.hasVoted(assemblyId, proposalId, holder);
  closeBallot = (assemblyId: string, proposalId: string, tally: Record<Choice, number>) => this.ballots.closeBallot(assemblyId, proposalId, tally);
  ballotState = (assemblyId: string, proposalId: string) => this.ballots.ballotState(assemblyId, proposalId);
  voidBallot = (assemblyId: string, proposalId: string) => this.ballots.voidBallot(assemblyId, proposalId);
  voidOpenBallots = () => this.ballots.voidOpenBallots();

  async createLink(link: LinkRecord): Promise<void> {
    this.stmts.insertLink.run({
      ...link,
      canVote: link.canVote ? 1 : 0,
      tokenHash: Buffer.from(link.tokenHash),
      sealedToken: link.sealedToken ? Buffer.from(link.sealedToken) : null,
    });
  }

  async getLink(id: string): Promise<LinkRecord | null> {
    const row = this.stmts.getLink.get(id) as LinkRow | undefined;
    return row ? toLink(row) : null;
  }

  async findLinkByTokenHash(tokenHash: Uint8Array): Promise<LinkRecord | null> {
    const row = this.stmts.findLink.get(Buffer.from(tokenHash)) as LinkRow | undefined;
    return row ? toLink(row) : null;
  }

  async listLinks(assemblyId: string): Promise<LinkRecord[]> {
    return (this.stmts.listLinks.all(assemblyId) as LinkRow[]).map(toLink);
  }

  async revokeLink(id: string, at: number): Promise<boolean> {
    return this.db.transaction(() => {
      this.joinCodes.dropForLink(id);
      return this.stmts.revokeLink.run(at, id).changes > 0;
    })();
  }

  // Join codes (ADR 022): sqlite-join-codes.ts.
  addJoinCode = (linkId: string, codeHash: Uint8Array, sealedCode: Uint8Array) => this.joinCodes.addJoinCode(linkId, codeHash, sealedCode);
  getJoinCode = (linkId: string) => this.joinCodes.getJoinCode(linkId);
  findLinkIdByJoinCode = (codeHash: Uint8Array) => this.joinCodes.findLinkIdByJoinCode(codeHash);

  private readonly appendMany = (doc: string, updates: Uint8Array[]): number => {
    let last = 0;
    this.db.transaction(() => {
      for (const u of updates) {
        last = Number(this.stmts.appendUpdate.run(doc, Buffer.from(u.buffer, u.byteOffset, u.byteLength)).lastInsertRowid);
      }
    })();
    return last;
  };

  async appendUpdates(doc: string, updates: Uint8Array[]): Promise<number> {
    return this.appendMany(doc, updates);
  }

  async loadDoc(doc: string): Promise<StoredDoc> {
    const snap = this.stmts.getSnapshot.get(doc) as { data: Buffer; upto_seq: number } | undefined;
    const rows = this.stmts.getUpdates.all(doc) as { seq: number; data: Buffer }[];
    const updates = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
    const lastSeq = rows.length > 0 ? rows[rows.length - 1].seq : (snap?.upto_seq ?? 0);
    return { snapshot: snap ? new Uint8Array(snap.data) : null, updates, lastSeq };
  }

  async compactDoc(doc: string, uptoSeq: number): Promise<Compaction> {
    // Folds what it reads, in one transaction (SQLite has one writer: nothing changes under it).
    return this.db.transaction((): Compaction => {
      const snap = this.stmts.getSnapshot.get(doc) as { data: Buffer; upto_seq: number } | undefined;
      const rows = this.stmts.getUpdatesUpTo.all(doc, uptoSeq) as { seq: number; data: Buffer }[];
      if (rows.length === 0) return { folded: 0, snapshotBytes: snap?.data.length ?? 0 };
      const parts = rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
      const state = foldUpdates(snap ? [new Uint8Array(snap.data), ...parts] : parts);
      const upto = Math.max(snap?.upto_seq ?? 0, rows[rows.length - 1].seq);
      this.stmts.upsertSnapshot.run(doc, Buffer.from(state.buffer, state.byteOffset, state.byteLength), upto);
      this.stmts.dropUpdatesUpTo.run(doc, rows[rows.length - 1].seq);
      return { folded: rows.length, snapshotBytes: state.length };
    })();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
