import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AssemblyRecord, BallotState, Choice, LinkRecord, NewVotingRight, PublishedMinutes, Role, Store, StoredDoc, VotingRightRecord } from './store.js';

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
 * Data folders from before ADR 014 kept voter key → tally rows (linkable in the WAL while a vote
 * was open). Closed votes keep their totals; votes still open become void (their ballots cannot
 * be told apart from their choices, so none is kept); the old tables go, and the WAL with them.
 */
function migrateBallots(db: Database.Database): void {
  const old = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('ballots', 'tallies', 'closed_votes')").all() as { name: string }[];
  if (old.length === 0) return;
  const has = (name: string) => old.some((t) => t.name === name);
  db.transaction(() => {
    if (has('closed_votes')) {
      const n = (choice: string) =>
        has('tallies') ? `COALESCE((SELECT n FROM tallies t WHERE t.assembly_id = c.assembly_id AND t.proposal_id = c.proposal_id AND t.choice = '${choice}'), 0)` : '0';
      db.exec(
        `INSERT OR IGNORE INTO votes (assembly_id, proposal_id, state, n_for, n_against, n_abstain)
         SELECT c.assembly_id, c.proposal_id, 'closed', ${n('for')}, ${n('against')}, ${n('abstain')} FROM closed_votes c
         WHERE EXISTS (SELECT 1 FROM assemblies a WHERE a.id = c.assembly_id)`,
      );
    }
    for (const { name } of old) db.exec(`DROP TABLE ${name}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

interface RightRow {
  id: string;
  assembly_id: string;
  number: number;
  code_hash: Buffer;
  sealed_code: Buffer | null;
  issued_at: number;
  revoked_at: number | null;
  holder: string | null;
}

function toRight(row: RightRow): VotingRightRecord {
  return {
    id: row.id,
    assemblyId: row.assembly_id,
    number: row.number,
    codeHash: new Uint8Array(row.code_hash),
    sealedCode: row.sealed_code ? new Uint8Array(row.sealed_code) : null,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    redeemed: row.holder !== null,
  };
}

const TALLY_COLUMNS = 'n_for, n_against, n_abstain';

interface LinkRow {
  id: string;
  assembly_id: string;
  role: string;
  scope: string | null;
  label: string | null;
  token_hash: Buffer;
  created_at: number;
  revoked_at: number | null;
  sealed_token: Buffer | null;
  can_vote: number;
}

function toLink(row: LinkRow): LinkRecord {
  return {
    id: row.id,
    assemblyId: row.assembly_id,
    role: row.role as Role,
    scope: row.scope,
    label: row.label,
    tokenHash: new Uint8Array(row.token_hash),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    sealedToken: row.sealed_token ? new Uint8Array(row.sealed_token) : null,
    canVote: row.can_vote !== 0,
  };
}

/**
 * SQLite through better-sqlite3: WAL, `synchronous = NORMAL` (a committed transaction survives
 * the process being killed; see docs/decisions/003-durability.md) and `secure_delete` so
 * deleted assemblies do not linger in free pages.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly stmts;

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
      countUpdates: db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?'),
      upsertSnapshot: db.prepare(
        `INSERT INTO doc_snapshots (doc, data, upto_seq) VALUES (?, ?, ?)
         ON CONFLICT(doc) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
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
      lastRightNumber: db.prepare('SELECT COALESCE(MAX(number), 0) AS n FROM voting_rights WHERE assembly_id = ?'),
      insertRight: db.prepare('INSERT INTO voting_rights (id, assembly_id, number, code_hash, sealed_code, issued_at) VALUES (?, ?, ?, ?, ?, ?)'),
      listRights: db.prepare('SELECT * FROM voting_rights WHERE assembly_id = ? ORDER BY number'),
      countRights: db.prepare(
        'SELECT COUNT(*) AS issued, COUNT(holder) AS redeemed, COUNT(revoked_at) AS revoked FROM voting_rights WHERE assembly_id = ?',
      ),
      revokeRight: db.prepare('UPDATE voting_rights SET revoked_at = ?, sealed_code = NULL WHERE assembly_id = ? AND number = ? AND revoked_at IS NULL'),
      rightByCode: db.prepare('SELECT id, holder, revoked_at FROM voting_rights WHERE assembly_id = ? AND code_hash = ?'),
      liveRightOf: db.prepare('SELECT id FROM voting_rights WHERE assembly_id = ? AND holder = ? AND revoked_at IS NULL'),
      bindRight: db.prepare('UPDATE voting_rights SET holder = ?, sealed_code = NULL WHERE id = ? AND holder IS NULL AND revoked_at IS NULL'),
      voteState: db.prepare(`SELECT state, ${TALLY_COLUMNS} FROM votes WHERE assembly_id = ? AND proposal_id = ?`),
      openVote: db.prepare("INSERT INTO votes (assembly_id, proposal_id, state) VALUES (?, ?, 'open') ON CONFLICT DO UPDATE SET state = 'open' WHERE state = 'void'"),
      setVoteState: db.prepare('UPDATE votes SET state = ? WHERE assembly_id = ? AND proposal_id = ? AND state = ?'),
      closeVote: db.prepare("UPDATE votes SET state = 'closed', n_for = ?, n_against = ?, n_abstain = ? WHERE assembly_id = ? AND proposal_id = ? AND state = 'open'"),
      insertCast: db.prepare('INSERT OR IGNORE INTO votes_cast (assembly_id, proposal_id, right_id) VALUES (?, ?, ?)'),
      forgetCasts: db.prepare('DELETE FROM votes_cast WHERE assembly_id = ? AND proposal_id = ?'),
      hasVoted: db.prepare(
        'SELECT 1 FROM votes_cast c JOIN voting_rights r ON r.id = c.right_id WHERE c.assembly_id = ? AND c.proposal_id = ? AND r.holder = ?',
      ),
      openVotes: db.prepare("SELECT assembly_id, proposal_id FROM votes WHERE state = 'open'"),
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
      | { version: number; markdown: string; published_at: number }
      | undefined;
    return row ? { version: row.version, markdown: row.markdown, publishedAt: row.published_at } : null;
  }

  async listMinutes(assemblyId: string): Promise<{ version: number; publishedAt: number }[]> {
    return (this.stmts.listMinutes.all(assemblyId) as { version: number; published_at: number }[]).map((r) => ({ version: r.version, publishedAt: r.published_at }));
  }

  async issueRights(assemblyId: string, rights: NewVotingRight[], at: number): Promise<VotingRightRecord[]> {
    return this.db.transaction(() => {
      let number = (this.stmts.lastRightNumber.get(assemblyId) as { n: number }).n;
      return rights.map((r) => {
        number += 1;
        const sealed = r.sealedCode ? Buffer.from(r.sealedCode) : null;
        this.stmts.insertRight.run(r.id, assemblyId, number, Buffer.from(r.codeHash), sealed, at);
        return { id: r.id, assemblyId, number, codeHash: r.codeHash, sealedCode: r.sealedCode, issuedAt: at, revokedAt: null, redeemed: false };
      });
    })();
  }

  async listRights(assemblyId: string): Promise<VotingRightRecord[]> {
    return (this.stmts.listRights.all(assemblyId) as RightRow[]).map(toRight);
  }

  async countRights(assemblyId: string): Promise<{ issued: number; redeemed: number; revoked: number }> {
    return this.stmts.countRights.get(assemblyId) as { issued: number; redeemed: number; revoked: number };
  }

  async revokeRight(assemblyId: string, number: number, at: number): Promise<boolean> {
    return this.stmts.revokeRight.run(at, assemblyId, number).changes > 0;
  }

  async redeemRight(assemblyId: string, codeHash: Uint8Array, holder: string): Promise<'redeemed' | 'yours' | 'taken' | 'unknown' | 'holds-another'> {
    return this.db.transaction(() => {
      const right = this.stmts.rightByCode.get(assemblyId, Buffer.from(codeHash)) as { id: string; holder: string | null; revoked_at: number | null } | undefined;
      if (!right) return 'unknown' as const;
      if (right.holder === holder && right.revoked_at === null) return 'yours' as const;
      if (right.holder !== null || right.revoked_at !== null) return 'taken' as const;
      if (this.stmts.liveRightOf.get(assemblyId, holder)) return 'holds-another' as const;
      return this.stmts.bindRight.run(holder, right.id).changes === 1 ? ('redeemed' as const) : ('taken' as const);
    })();
  }

  async holdsRight(assemblyId: string, holder: string): Promise<boolean> {
    return this.stmts.liveRightOf.get(assemblyId, holder) !== undefined;
  }

  async openBallot(assemblyId: string, proposalId: string): Promise<'open' | 'closed'> {
    return this.db.transaction(() => {
      const before = this.stmts.voteState.get(assemblyId, proposalId) as { state: BallotState } | undefined;
      if (before?.state === 'closed') return 'closed' as const;
      // A void vote starts again: whoever voted before the restart votes again.
      if (before?.state === 'void') this.stmts.forgetCasts.run(assemblyId, proposalId);
      this.stmts.openVote.run(assemblyId, proposalId);
      return 'open' as const;
    })();
  }

  async castBallot(assemblyId: string, proposalId: string, holder: string): Promise<'counted' | 'already' | 'closed' | 'no-right'> {
    return this.db.transaction(() => {
      const vote = this.stmts.voteState.get(assemblyId, proposalId) as { state: BallotState } | undefined;
      if (vote?.state !== 'open') return 'closed' as const;
      const right = this.stmts.liveRightOf.get(assemblyId, holder) as { id: string } | undefined;
      if (!right) return 'no-right' as const;
      return this.stmts.insertCast.run(assemblyId, proposalId, right.id).changes === 1 ? ('counted' as const) : ('already' as const);
    })();
  }

  async hasVoted(assemblyId: string, proposalId: string, holder: string): Promise<boolean> {
    return this.stmts.hasVoted.get(assemblyId, proposalId, holder) !== undefined;
  }

  async closeBallot(assemblyId: string, proposalId: string, tally: Record<Choice, number>): Promise<boolean> {
    const closed = this.db.transaction(() => {
      if (this.stmts.closeVote.run(tally.for, tally.against, tally.abstain, assemblyId, proposalId).changes === 0) return false;
      this.stmts.forgetCasts.run(assemblyId, proposalId);
      return true;
    })();
    // Which rights voted is history nobody needs once the vote is closed: out of the WAL too.
    if (closed) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return closed;
  }

  async ballotState(assemblyId: string, proposalId: string): Promise<{ state: BallotState; tally: Record<Choice, number> | null } | null> {
    const row = this.stmts.voteState.get(assemblyId, proposalId) as { state: BallotState; n_for: number | null; n_against: number | null; n_abstain: number | null } | undefined;
    if (!row) return null;
    const tally = row.state === 'closed' ? { for: row.n_for ?? 0, against: row.n_against ?? 0, abstain: row.n_abstain ?? 0 } : null;
    return { state: row.state, tally };
  }

  async voidBallot(assemblyId: string, proposalId: string): Promise<void> {
    this.db.transaction(() => {
      if (this.stmts.setVoteState.run('void', assemblyId, proposalId, 'open').changes > 0) this.stmts.forgetCasts.run(assemblyId, proposalId);
    })();
  }

  async voidOpenBallots(): Promise<number> {
    const open = this.stmts.openVotes.all() as { assembly_id: string; proposal_id: string }[];
    for (const v of open) await this.voidBallot(v.assembly_id, v.proposal_id);
    if (open.length > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return open.length;
  }

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
    return this.stmts.revokeLink.run(at, id).changes > 0;
  }

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

  async compactDoc(doc: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.stmts.upsertSnapshot.run(doc, Buffer.from(state), uptoSeq);
      this.stmts.dropUpdatesUpTo.run(doc, uptoSeq);
    })();
  }

  async countUpdates(doc: string): Promise<number> {
    return (this.stmts.countUpdates.get(doc) as { n: number }).n;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
