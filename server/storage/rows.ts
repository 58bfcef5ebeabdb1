/**
 * Rows as both stores read them, and the records they make (issue 15: written once). SQLite
 * gives a boolean as 0/1, Postgres as a boolean; everything else reads the same.
 */
import type { LinkRecord, Role, VotingRightRecord } from './store.js';

export interface LinkRow {
  id: string;
  assembly_id: string;
  role: string;
  scope: string | null;
  label: string | null;
  token_hash: Buffer;
  created_at: number;
  revoked_at: number | null;
  sealed_token: Buffer | null;
  can_vote: number | boolean;
}

export function toLink(row: LinkRow): LinkRecord {
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
    canVote: row.can_vote !== 0 && row.can_vote !== false,
  };
}

export interface RightRow {
  id: string;
  assembly_id: string;
  number: number;
  code_hash: Buffer;
  sealed_code: Buffer | null;
  issued_at: number;
  revoked_at: number | null;
  holder: string | null;
}

export function toRight(row: RightRow): VotingRightRecord {
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
