import type Database from 'better-sqlite3';
import type { JoinCodeResult } from './store.js';

/**
 * Short join codes (ADR 022): one per public join link, kept in a table of their own so links
 * made before codes existed need no change of column (the table is the migration). A code dies
 * with its link: revoking deletes its row (sqlite-store.ts), deleting the assembly cascades.
 */
export const JOIN_CODES_SCHEMA = `
CREATE TABLE IF NOT EXISTS join_codes (
  code_hash BLOB PRIMARY KEY,
  link_id TEXT NOT NULL UNIQUE REFERENCES links(id) ON DELETE CASCADE,
  sealed_code BLOB NOT NULL
);
`;

export class SqliteJoinCodes {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(JOIN_CODES_SCHEMA);
    this.stmts = {
      link: db.prepare('SELECT revoked_at FROM links WHERE id = ?'),
      byHash: db.prepare('SELECT link_id FROM join_codes WHERE code_hash = ?'),
      byLink: db.prepare('SELECT sealed_code FROM join_codes WHERE link_id = ?'),
      insert: db.prepare('INSERT INTO join_codes (code_hash, link_id, sealed_code) VALUES (?, ?, ?)'),
      dropForLink: db.prepare('DELETE FROM join_codes WHERE link_id = ?'),
    };
  }

  async addJoinCode(linkId: string, codeHash: Uint8Array, sealedCode: Uint8Array): Promise<JoinCodeResult> {
    return this.db.transaction((): JoinCodeResult => {
      const link = this.stmts.link.get(linkId) as { revoked_at: number | null } | undefined;
      if (!link || link.revoked_at !== null) return 'no-link';
      if (this.stmts.byLink.get(linkId)) return 'link-has-code';
      if (this.stmts.byHash.get(Buffer.from(codeHash))) return 'code-taken';
      this.stmts.insert.run(Buffer.from(codeHash), linkId, Buffer.from(sealedCode));
      return 'added';
    })();
  }

  async getJoinCode(linkId: string): Promise<Uint8Array | null> {
    const row = this.stmts.byLink.get(linkId) as { sealed_code: Buffer } | undefined;
    return row ? new Uint8Array(row.sealed_code) : null;
  }

  async findLinkIdByJoinCode(codeHash: Uint8Array): Promise<string | null> {
    const row = this.stmts.byHash.get(Buffer.from(codeHash)) as { link_id: string } | undefined;
    return row?.link_id ?? null;
  }

  /** Called inside the revocation's transaction. */
  dropForLink(linkId: string): void {
    this.stmts.dropForLink.run(linkId);
  }
}
