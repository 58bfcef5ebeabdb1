/**
 * The storage contract every backend passes (tests/unit/store-contract.test.ts).
 *
 * Methods are async so a networked backend (Postgres) fits behind the same interface;
 * the SQLite backend completes synchronously inside them.
 */

import type { Role } from '../../app/services.js';

export type { Role } from '../../app/services.js';

export interface AssemblyRecord {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

export interface LinkRecord {
  id: string;
  assemblyId: string;
  role: Role;
  /** For note-takers: the breakout group id, or `plenary` for plenary notes. Otherwise null. */
  scope: string | null;
  label: string | null;
  /** SHA-256 of the link token; the token itself is never stored. */
  tokenHash: Uint8Array;
  createdAt: number;
  revokedAt: number | null;
  /**
   * Attendee links only: the token sealed (AES-256-GCM) with a key derived from the server's
   * secret, so the projector can show the join QR again. Null for every other link.
   */
  sealedToken: Uint8Array | null;
  /** Attendee links: whether the holder votes, or has voice only. True for every other role. */
  canVote: boolean;
}

export interface PublishedMinutes {
  version: number;
  markdown: string;
  publishedAt: number;
}

export type Choice = 'for' | 'against' | 'abstain';

export interface StoredDoc {
  /** The compacted state, or null when the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Id of the newest row in `updates` (or of the snapshot's last folded update); 0 when empty. */
  lastSeq: number;
}

export interface Store {
  createAssembly(assembly: AssemblyRecord): Promise<void>;
  getAssembly(id: string): Promise<AssemblyRecord | null>;
  /** Removes the assembly with every link, document, ballot and minutes version of it. */
  deleteAssembly(id: string): Promise<void>;
  /** The assembly deletes itself this many days after it ends; null: never. */
  setDeleteAfterDays(id: string, days: number | null): Promise<void>;
  getDeleteAfterDays(id: string): Promise<number | null>;
  /** Every assembly set to delete itself, with its number of days. */
  listDeleteAfter(): Promise<{ id: string; days: number }[]>;

  /** Stores a new, immutable version of the minutes; returns its number (1, 2, ...). */
  publishMinutes(assemblyId: string, markdown: string, at: number): Promise<number>;
  /** One version, or the latest when `version` is omitted; null when none. */
  getMinutes(assemblyId: string, version?: number): Promise<PublishedMinutes | null>;
  listMinutes(assemblyId: string): Promise<{ version: number; publishedAt: number }[]>;

  /**
   * Counts one phone vote: records that `voter` (an opaque key, one per session and proposal)
   * has voted, and adds one to `choice` in the tally, in one transaction. Who voted how is never
   * written anywhere. Changes nothing if that voter has already voted, or the vote is closed.
   */
  castBallot(assemblyId: string, proposalId: string, voter: string, choice: Choice): Promise<'counted' | 'already' | 'closed'>;
  /** Closes a vote for good and returns its tally, in one transaction with the ballots. */
  closeBallot(assemblyId: string, proposalId: string): Promise<Record<Choice, number>>;
  hasVoted(assemblyId: string, proposalId: string, voter: string): Promise<boolean>;
  tally(assemblyId: string, proposalId: string): Promise<Record<Choice, number>>;

  createLink(link: LinkRecord): Promise<void>;
  getLink(id: string): Promise<LinkRecord | null>;
  findLinkByTokenHash(tokenHash: Uint8Array): Promise<LinkRecord | null>;
  listLinks(assemblyId: string): Promise<LinkRecord[]>;
  /** Marks a link revoked; returns false when there is no such link. */
  revokeLink(id: string, at: number): Promise<boolean>;

  /** Appends updates to a document's log in one transaction; returns the new last sequence number. */
  appendUpdates(doc: string, updates: Uint8Array[]): Promise<number>;
  loadDoc(doc: string): Promise<StoredDoc>;
  /**
   * Replaces the snapshot with `state` and drops logged updates with sequence <= `uptoSeq`.
   * `state` must contain at least everything up to `uptoSeq`.
   */
  compactDoc(doc: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /** Number of logged updates after the snapshot. */
  countUpdates(doc: string): Promise<number>;

  close(): Promise<void>;
}
