/**
 * Links and their join codes in Postgres (ADR 002, ADR 022). A link's row is the lock its join
 * code's changes take turns on: adding a code and revoking the link never interleave.
 */
import { bytes, type PgDb, uniqueViolation } from './postgres-db.js';
import type { JoinCodeResult, LinkRecord } from './store.js';
import { type LinkRow, toLink } from './rows.js';

const COLUMNS = 'id, assembly_id, role, scope, label, token_hash, created_at, revoked_at, sealed_token, can_vote';

export class PgLinks {
  constructor(private readonly db: PgDb) {}

  async createLink(link: LinkRecord): Promise<void> {
    await this.db.query(`INSERT INTO links (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      link.id,
      link.assemblyId,
      link.role,
      link.scope,
      link.label,
      bytes(link.tokenHash),
      link.createdAt,
      link.revokedAt,
      link.sealedToken ? bytes(link.sealedToken) : null,
      link.canVote,
    ]);
  }

  async getLink(id: string): Promise<LinkRecord | null> {
    const row = (await this.db.query<LinkRow>(`SELECT ${COLUMNS} FROM links WHERE id = $1`, [id])).rows[0];
    return row ? toLink(row) : null;
  }

  async findLinkByTokenHash(tokenHash: Uint8Array): Promise<LinkRecord | null> {
    const row = (await this.db.query<LinkRow>(`SELECT ${COLUMNS} FROM links WHERE token_hash = $1`, [bytes(tokenHash)])).rows[0];
    return row ? toLink(row) : null;
  }

  async listLinks(assemblyId: string): Promise<LinkRecord[]> {
    return (await this.db.query<LinkRow>(`SELECT ${COLUMNS} FROM links WHERE assembly_id = $1 ORDER BY created_at, id`, [assemblyId])).rows.map(toLink);
  }

  async revokeLink(id: string, at: number): Promise<boolean> {
    return this.db.tx(async (c) => {
      // The first revocation stands; the code dies in the same transaction.
      const revoked = await c.query('UPDATE links SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [at, id]);
      await c.query('DELETE FROM join_codes WHERE link_id = $1', [id]);
      return (revoked.rowCount ?? 0) > 0;
    });
  }

  async addJoinCode(linkId: string, codeHash: Uint8Array, sealedCode: Uint8Array): Promise<JoinCodeResult> {
    try {
      return await this.db.tx(async (c): Promise<JoinCodeResult> => {
        const link = (await c.query<{ revoked_at: number | null }>('SELECT revoked_at FROM links WHERE id = $1 FOR NO KEY UPDATE', [linkId])).rows[0];
        if (!link || link.revoked_at !== null) return 'no-link';
        if ((await c.query('SELECT 1 FROM join_codes WHERE link_id = $1', [linkId])).rowCount) return 'link-has-code';
        if ((await c.query('SELECT 1 FROM join_codes WHERE code_hash = $1', [bytes(codeHash)])).rowCount) return 'code-taken';
        await c.query('INSERT INTO join_codes (code_hash, link_id, sealed_code) VALUES ($1, $2, $3)', [bytes(codeHash), linkId, bytes(sealedCode)]);
        return 'added';
      });
    } catch (err) {
      // Another node added the same code for another link between our check and our insert.
      const constraint = uniqueViolation(err);
      if (constraint === null) throw err;
      return constraint === 'join_codes_pkey' ? 'code-taken' : 'link-has-code';
    }
  }

  async getJoinCode(linkId: string): Promise<Uint8Array | null> {
    const row = (await this.db.query<{ sealed_code: Buffer }>('SELECT sealed_code FROM join_codes WHERE link_id = $1', [linkId])).rows[0];
    return row ? new Uint8Array(row.sealed_code) : null;
  }

  async findLinkIdByJoinCode(codeHash: Uint8Array): Promise<string | null> {
    const row = (await this.db.query<{ link_id: string }>('SELECT link_id FROM join_codes WHERE code_hash = $1', [bytes(codeHash)])).rows[0];
    return row?.link_id ?? null;
  }
}
