import type Database from 'better-sqlite3';
import type { BallotState, Choice, NewVotingRight, VotingRightRecord } from './store.js';
import { type RightRow, toRight } from './rows.js';

/**
 * Data folders from before ADR 014 kept voter key → tally rows (linkable in the WAL while a vote
 * was open). Closed votes keep their totals; votes still open become void (their ballots cannot
 * be told apart from their choices, so none is kept); the old tables go, and the WAL with them.
 */
export function migrateBallots(db: Database.Database): void {
  const old = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('ballots', 'tallies', 'closed_votes')").all() as { name: string }[];
  if (old.length === 0) return;
  const has = (name: string) => old.some((t) => t.name === name);
  db.transaction(() => {
    if (has('closed_votes')) {
      const n = (choice: string) =>
        has('tallies')
          ? `COALESCE((SELECT n FROM tallies t WHERE t.assembly_id = c.assembly_id AND t.proposal_id = c.proposal_id AND t.choice = '${choice}'), 0)`
          : '0';
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

const TALLY_COLUMNS = 'n_for, n_against, n_abstain';

/**
 * Voting rights and ballots in SQLite (ADR 014): the part of SqliteStore that never sees a
 * choice. Each method is one transaction on the store's connection.
 */
export class SqliteBallots {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      lastRightNumber: db.prepare('SELECT COALESCE(MAX(number), 0) AS n FROM voting_rights WHERE assembly_id = ?'),
      insertRight: db.prepare('INSERT INTO voting_rights (id, assembly_id, number, code_hash, sealed_code, issued_at) VALUES (?, ?, ?, ?, ?, ?)'),
      listRights: db.prepare('SELECT * FROM voting_rights WHERE assembly_id = ? ORDER BY number'),
      countRights: db.prepare('SELECT COUNT(*) AS issued, COUNT(holder) AS redeemed, COUNT(revoked_at) AS revoked FROM voting_rights WHERE assembly_id = ?'),
      revokeRight: db.prepare('UPDATE voting_rights SET revoked_at = ?, sealed_code = NULL WHERE assembly_id = ? AND number = ? AND revoked_at IS NULL'),
      rightByCode: db.prepare('SELECT id, holder, revoked_at FROM voting_rights WHERE assembly_id = ? AND code_hash = ?'),
      liveRightOf: db.prepare('SELECT id FROM voting_rights WHERE assembly_id = ? AND holder = ? AND revoked_at IS NULL'),
      bindRight: db.prepare('UPDATE voting_rights SET holder = ?, sealed_code = NULL WHERE id = ? AND holder IS NULL AND revoked_at IS NULL'),
      voteState: db.prepare(`SELECT state, ${TALLY_COLUMNS} FROM votes WHERE assembly_id = ? AND proposal_id = ?`),
      openVote: db.prepare(
        "INSERT INTO votes (assembly_id, proposal_id, state) VALUES (?, ?, 'open') ON CONFLICT DO UPDATE SET state = 'open' WHERE state = 'void'",
      ),
      setVoteState: db.prepare('UPDATE votes SET state = ? WHERE assembly_id = ? AND proposal_id = ? AND state = ?'),
      closeVote: db.prepare(
        "UPDATE votes SET state = 'closed', n_for = ?, n_against = ?, n_abstain = ? WHERE assembly_id = ? AND proposal_id = ? AND state = 'open'",
      ),
      insertCast: db.prepare('INSERT OR IGNORE INTO votes_cast (assembly_id, proposal_id, right_id) VALUES (?, ?, ?)'),
      forgetCasts: db.prepare('DELETE FROM votes_cast WHERE assembly_id = ? AND proposal_id = ?'),
      // Through every right the holder ever held, withdrawn ones included: a phone that voted
      // with a code later withdrawn has voted, whatever code it holds now. CROSS JOIN keeps the
      // holder's few rights first (by index), not a scan of every ballot of the vote.
      hasVoted: db.prepare(
        `SELECT 1 FROM voting_rights r CROSS JOIN votes_cast c ON c.assembly_id = r.assembly_id AND c.proposal_id = ? AND c.right_id = r.id
         WHERE r.assembly_id = ? AND r.holder = ?`,
      ),
      openVotes: db.prepare("SELECT assembly_id, proposal_id FROM votes WHERE state = 'open'"),
    };
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
      const right = this.stmts.rightByCode.get(assemblyId, Buffer.from(codeHash)) as
        { id: string; holder: string | null; revoked_at: number | null } | undefined;
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
      // One ballot per phone too: a phone that voted, had its code withdrawn ("I lost it") and
      // redeemed a new one has still voted in this vote.
      if (this.stmts.hasVoted.get(proposalId, assemblyId, holder)) return 'already' as const;
      return this.stmts.insertCast.run(assemblyId, proposalId, right.id).changes === 1 ? ('counted' as const) : ('already' as const);
    })();
  }

  async hasVoted(assemblyId: string, proposalId: string, holder: string): Promise<boolean> {
    return this.stmts.hasVoted.get(proposalId, assemblyId, holder) !== undefined;
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
    const row = this.stmts.voteState.get(assemblyId, proposalId) as
      { state: BallotState; n_for: number | null; n_against: number | null; n_abstain: number | null } | undefined;
    if (!row) return null;
    const tally = row.state === 'closed' ? { for: row.n_for ?? 0, against: row.n_against ?? 0, abstain: row.n_abstain ?? 0 } : null;
    return { state: row.state, tally };
  }

  async voidBallot(assemblyId: string, proposalId: string): Promise<void> {
    this.db.transaction(() => {
      if (this.stmts.setVoteState.run('void', assemblyId, proposalId, 'open').changes > 0) this.stmts.forgetCasts.run(assemblyId, proposalId);
    })();
  }

  async voidOpenBallots(): Promise<{ assemblyId: string; proposalId: string }[]> {
    const open = this.stmts.openVotes.all() as { assembly_id: string; proposal_id: string }[];
    for (const v of open) await this.voidBallot(v.assembly_id, v.proposal_id);
    if (open.length > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return open.map((v) => ({ assemblyId: v.assembly_id, proposalId: v.proposal_id }));
  }
}
