/**
 * Voting rights and ballots in Postgres (ADR 014): never a choice, only which rights voted while
 * a vote is open and the totals once closed. Several nodes run these at once, so each check and
 * write is one transaction holding the row locks that keep the rules across processes ([SO3]):
 * a code's row while it is redeemed, the vote's row (shared) while a ballot is cast and
 * (exclusive) while the vote is closed, the assembly's row while rights are numbered.
 */
import { bytes, type PgDb, uniqueViolation } from './postgres-db.js';
import type { Vacuumer } from './postgres-vacuum.js';
import type { BallotState, Choice, NewVotingRight, VotingRightRecord } from './store.js';
import { type RightRow, toRight } from './rows.js';

/** Every right the holder ever held (withdrawn ones too) that voted in this vote ([V10]). */
const HAS_VOTED = `SELECT 1 FROM voting_rights r JOIN votes_cast c ON c.assembly_id = r.assembly_id AND c.proposal_id = $2 AND c.right_id = r.id
  WHERE r.assembly_id = $1 AND r.holder = $3 LIMIT 1`;

export class PgBallots {
  constructor(
    private readonly db: PgDb,
    private readonly vacuum: Vacuumer,
  ) {}

  async issueRights(assemblyId: string, rights: NewVotingRight[], at: number): Promise<VotingRightRecord[]> {
    return this.db.tx(async (c) => {
      // Two desks issuing at once on two nodes take turns on the assembly's row, so numbers never collide.
      await c.query('SELECT 1 FROM assemblies WHERE id = $1 FOR NO KEY UPDATE', [assemblyId]);
      let number = (await c.query<{ n: number }>('SELECT COALESCE(MAX(number), 0) AS n FROM voting_rights WHERE assembly_id = $1', [assemblyId])).rows[0].n;
      const issued: VotingRightRecord[] = [];
      for (const r of rights) {
        number += 1;
        await c.query('INSERT INTO voting_rights (id, assembly_id, number, code_hash, sealed_code, issued_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          r.id,
          assemblyId,
          number,
          bytes(r.codeHash),
          r.sealedCode ? bytes(r.sealedCode) : null,
          at,
        ]);
        issued.push({ id: r.id, assemblyId, number, codeHash: r.codeHash, sealedCode: r.sealedCode, issuedAt: at, revokedAt: null, redeemed: false });
      }
      return issued;
    });
  }

  async listRights(assemblyId: string): Promise<VotingRightRecord[]> {
    return (await this.db.query<RightRow>('SELECT * FROM voting_rights WHERE assembly_id = $1 ORDER BY number', [assemblyId])).rows.map(toRight);
  }

  async countRights(assemblyId: string): Promise<{ issued: number; redeemed: number; revoked: number }> {
    return (
      await this.db.query<{ issued: number; redeemed: number; revoked: number }>(
        'SELECT COUNT(*) AS issued, COUNT(holder) AS redeemed, COUNT(revoked_at) AS revoked FROM voting_rights WHERE assembly_id = $1',
        [assemblyId],
      )
    ).rows[0];
  }

  async revokeRight(assemblyId: string, number: number, at: number): Promise<boolean> {
    const result = await this.db.query(
      'UPDATE voting_rights SET revoked_at = $1, sealed_code = NULL WHERE assembly_id = $2 AND number = $3 AND revoked_at IS NULL',
      [at, assemblyId, number],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async redeemRight(assemblyId: string, codeHash: Uint8Array, holder: string): Promise<'redeemed' | 'yours' | 'taken' | 'unknown' | 'holds-another'> {
    try {
      return await this.db.tx(async (c) => {
        // The code's row, locked: concurrent redemptions of one code queue here, and each one
        // after the first reads the holder the first one wrote.
        const right = (
          await c.query<{ id: string; holder: string | null; revoked_at: number | null }>(
            'SELECT id, holder, revoked_at FROM voting_rights WHERE assembly_id = $1 AND code_hash = $2 FOR UPDATE',
            [assemblyId, bytes(codeHash)],
          )
        ).rows[0];
        if (!right) return 'unknown' as const;
        if (right.holder === holder && right.revoked_at === null) return 'yours' as const;
        if (right.holder !== null || right.revoked_at !== null) return 'taken' as const;
        if ((await c.query('SELECT 1 FROM voting_rights WHERE assembly_id = $1 AND holder = $2 AND revoked_at IS NULL', [assemblyId, holder])).rowCount)
          return 'holds-another' as const;
        await c.query('UPDATE voting_rights SET holder = $1, sealed_code = NULL WHERE id = $2', [holder, right.id]);
        return 'redeemed' as const;
      });
    } catch (err) {
      // One phone redeeming two codes at once: the unique index on live holders lets one through.
      if (uniqueViolation(err) === 'voting_rights_holder') return 'holds-another';
      throw err;
    }
  }

  async holdsRight(assemblyId: string, holder: string): Promise<boolean> {
    return (
      ((await this.db.query('SELECT 1 FROM voting_rights WHERE assembly_id = $1 AND holder = $2 AND revoked_at IS NULL', [assemblyId, holder])).rowCount ?? 0) >
      0
    );
  }

  async openBallot(assemblyId: string, proposalId: string): Promise<'open' | 'closed'> {
    return this.db.tx(async (c) => {
      // Makes the row if there is none (a no-op otherwise), then locks it for the decision.
      await c.query("INSERT INTO votes (assembly_id, proposal_id, state) VALUES ($1, $2, 'open') ON CONFLICT DO NOTHING", [assemblyId, proposalId]);
      const { state } = (
        await c.query<{ state: BallotState }>('SELECT state FROM votes WHERE assembly_id = $1 AND proposal_id = $2 FOR UPDATE', [assemblyId, proposalId])
      ).rows[0];
      if (state === 'closed') return 'closed' as const;
      if (state === 'void') {
        // A void vote starts again: whoever voted before the restart votes again.
        await c.query('DELETE FROM votes_cast WHERE assembly_id = $1 AND proposal_id = $2', [assemblyId, proposalId]);
        await c.query("UPDATE votes SET state = 'open' WHERE assembly_id = $1 AND proposal_id = $2", [assemblyId, proposalId]);
      }
      return 'open' as const;
    });
  }

  async castBallot(assemblyId: string, proposalId: string, holder: string): Promise<'counted' | 'already' | 'closed' | 'no-right'> {
    return this.db.tx(async (c) => {
      // Shared lock on the vote: ballots go in side by side, and closing (which takes the row
      // exclusively) waits for them, or they wait for it and then read 'closed'.
      const vote = (
        await c.query<{ state: BallotState }>('SELECT state FROM votes WHERE assembly_id = $1 AND proposal_id = $2 FOR SHARE', [assemblyId, proposalId])
      ).rows[0];
      if (vote?.state !== 'open') return 'closed' as const;
      // The right too: a revocation waits for this ballot, or this ballot sees the revocation.
      const right = (
        await c.query<{ id: string }>('SELECT id FROM voting_rights WHERE assembly_id = $1 AND holder = $2 AND revoked_at IS NULL FOR SHARE', [
          assemblyId,
          holder,
        ])
      ).rows[0];
      if (!right) return 'no-right' as const;
      if ((await c.query(HAS_VOTED, [assemblyId, proposalId, holder])).rowCount) return 'already' as const;
      const inserted = await c.query('INSERT INTO votes_cast (assembly_id, proposal_id, right_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        assemblyId,
        proposalId,
        right.id,
      ]);
      return inserted.rowCount === 1 ? ('counted' as const) : ('already' as const);
    });
  }

  async hasVoted(assemblyId: string, proposalId: string, holder: string): Promise<boolean> {
    return ((await this.db.query(HAS_VOTED, [assemblyId, proposalId, holder])).rowCount ?? 0) > 0;
  }

  async closeBallot(assemblyId: string, proposalId: string, tally: Record<Choice, number>): Promise<boolean> {
    const closed = await this.db.tx(async (c) => {
      const closed = await c.query(
        "UPDATE votes SET state = 'closed', n_for = $1, n_against = $2, n_abstain = $3 WHERE assembly_id = $4 AND proposal_id = $5 AND state = 'open'",
        [tally.for, tally.against, tally.abstain, assemblyId, proposalId],
      );
      if (closed.rowCount === 0) return false;
      // Which rights voted is history nobody needs once the vote is closed.
      await c.query('DELETE FROM votes_cast WHERE assembly_id = $1 AND proposal_id = $2', [assemblyId, proposalId]);
      return true;
    });
    // Out of the table files too, as SQLite's checkpoint takes it out of the WAL.
    if (closed) void this.vacuum.schedule(['votes_cast']);
    return closed;
  }

  async ballotState(assemblyId: string, proposalId: string): Promise<{ state: BallotState; tally: Record<Choice, number> | null } | null> {
    const row = (
      await this.db.query<{ state: BallotState; n_for: number | null; n_against: number | null; n_abstain: number | null }>(
        'SELECT state, n_for, n_against, n_abstain FROM votes WHERE assembly_id = $1 AND proposal_id = $2',
        [assemblyId, proposalId],
      )
    ).rows[0];
    if (!row) return null;
    const tally = row.state === 'closed' ? { for: row.n_for ?? 0, against: row.n_against ?? 0, abstain: row.n_abstain ?? 0 } : null;
    return { state: row.state, tally };
  }

  async voidBallot(assemblyId: string, proposalId: string): Promise<void> {
    await this.db.tx(async (c) => {
      const voided = await c.query("UPDATE votes SET state = 'void' WHERE assembly_id = $1 AND proposal_id = $2 AND state = 'open'", [assemblyId, proposalId]);
      if (voided.rowCount) await c.query('DELETE FROM votes_cast WHERE assembly_id = $1 AND proposal_id = $2', [assemblyId, proposalId]);
    });
  }

  async voidOpenBallots(): Promise<{ assemblyId: string; proposalId: string }[]> {
    const open = (await this.db.query<{ assembly_id: string; proposal_id: string }>("SELECT assembly_id, proposal_id FROM votes WHERE state = 'open'")).rows;
    for (const v of open) await this.voidBallot(v.assembly_id, v.proposal_id);
    return open.map((v) => ({ assemblyId: v.assembly_id, proposalId: v.proposal_id }));
  }
}
