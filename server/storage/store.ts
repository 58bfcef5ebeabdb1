/**
 * The storage contract every backend passes (tests/unit/store-contract.test.ts).
 *
 * Methods are async so a networked backend (Postgres) fits behind the same interface;
 * the SQLite backend completes synchronously inside them.
 */

import type { Role } from '../../app/services.js';

export type { Role } from '../../app/services.js';
// The minutes draft's shapes are the services' too (ADR 017).
export type { DraftResult, MinutesDraft, MinutesTranslation, TranslationResult } from '../../app/services.js';
import type { DraftResult, MinutesDraft, MinutesTranslation, TranslationResult } from '../../app/services.js';

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

import type { Choice } from '../../app/model/proposal-shape.js';
export type { Choice };

export type BallotState = 'open' | 'closed' | 'void';

/** One person's right to vote: a code handed over at a check-in desk (ADR 014). */
export interface VotingRightRecord {
  id: string;
  assemblyId: string;
  /** 1, 2, ... within the assembly: printed next to the code so the desk can revoke a lost one. */
  number: number;
  /** HMAC of the code under the server's secret: the database alone gives no code away. */
  codeHash: Uint8Array;
  /** The code sealed so an unredeemed sheet can be printed again; dropped once redeemed. */
  sealedCode: Uint8Array | null;
  issuedAt: number;
  revokedAt: number | null;
  /** Whether a phone holds it (never which one). */
  redeemed: boolean;
}

export type NewVotingRight = Pick<VotingRightRecord, 'id' | 'codeHash' | 'sealedCode'>;

/**
 * Adding a join code (ADR 022): `code-taken` when a live code already hashes the same (draw
 * another), `link-has-code` when the link has one, `no-link` when the link is missing or revoked.
 */
export type JoinCodeResult = 'added' | 'code-taken' | 'link-has-code' | 'no-link';

export interface StoredDoc {
  /** The compacted state, or null when the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Id of the newest row in `updates` (or of the snapshot's last folded update); 0 when empty. */
  lastSeq: number;
}

/** What a compaction did. */
export interface Compaction {
  /** How many logged updates were folded into the snapshot (and deleted); 0 when none. */
  folded: number;
  /** The snapshot's size in bytes afterwards (0 when there is none). */
  snapshotBytes: number;
}

export interface Store {
  createAssembly(assembly: AssemblyRecord): Promise<void>;
  getAssembly(id: string): Promise<AssemblyRecord | null>;
  /** Removes the assembly with every link, document, ballot, minutes version and translation of it. */
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

  /** The minutes draft; `{ markdown: null, revision: 0, savedAt: null }` when there never was one. */
  getMinutesDraft(assemblyId: string): Promise<MinutesDraft>;
  /**
   * Stores `markdown` as the draft if `basedOn` is the draft's current revision, in one
   * transaction; refused (nothing changed) otherwise, or when there is no such assembly.
   */
  saveMinutesDraft(assemblyId: string, markdown: string, basedOn: number, at: number): Promise<DraftResult<{ draft: MinutesDraft }>>;
  /** Deletes the draft's text if `basedOn` is its current revision (the revision still counts on). */
  discardMinutesDraft(assemblyId: string, basedOn: number): Promise<DraftResult<{ draft: MinutesDraft }>>;
  /**
   * Publishes `markdown` as a new version and deletes the draft, in one transaction, if `basedOn`
   * is the draft's current revision.
   */
  publishMinutesDraft(assemblyId: string, markdown: string, basedOn: number, at: number): Promise<DraftResult<{ version: number }>>;

  /**
   * One language's translation of a published version ([L60]); `{ markdown: null, revision: 0,
   * updatedAt: null }` when there never was one.
   */
  getMinutesTranslation(assemblyId: string, version: number, language: string): Promise<MinutesTranslation>;
  /** The languages with a translation (text, not emptied) of a published version, by code. */
  listMinutesTranslations(assemblyId: string, version: number): Promise<{ language: string; revision: number; updatedAt: number }[]>;
  /**
   * Stores `markdown` (null: empties it) as the translation if `basedOn` is its current revision and
   * the version is published, in one transaction; refused (nothing changed) otherwise, with what is
   * stored (`current: null` when the version does not exist). Goes with the version and the assembly.
   */
  saveMinutesTranslation(
    assemblyId: string,
    version: number,
    language: string,
    markdown: string | null,
    basedOn: number,
    at: number,
  ): Promise<TranslationResult>;

  /**
   * Issues voting rights (one per person, ADR 014), numbered after the assembly's last one, in
   * one transaction. Returns them as stored.
   */
  issueRights(assemblyId: string, rights: NewVotingRight[], at: number): Promise<VotingRightRecord[]>;
  /** Every right of the assembly, by number. Never says who holds one. */
  listRights(assemblyId: string): Promise<VotingRightRecord[]>;
  /** How many rights were issued, how many a phone holds, how many were revoked. */
  countRights(assemblyId: string): Promise<{ issued: number; redeemed: number; revoked: number }>;
  /** Revokes right number `number`; false when there is no such live right. */
  revokeRight(assemblyId: string, number: number, at: number): Promise<boolean>;
  /**
   * Binds the live, unredeemed right whose code hashes to `codeHash` to `holder` (an opaque key of
   * one session), atomically: of any number of concurrent redemptions of one code, one wins.
   * `yours`: this holder already holds it; `taken`: another holder does (or it was revoked);
   * `holds-another`: this holder already holds a live right.
   */
  redeemRight(assemblyId: string, codeHash: Uint8Array, holder: string): Promise<'redeemed' | 'yours' | 'taken' | 'unknown' | 'holds-another'>;
  /** Whether `holder` holds a live right in the assembly. */
  holdsRight(assemblyId: string, holder: string): Promise<boolean>;

  /**
   * Opens a phone vote for ballots. Opening an open vote changes nothing; a void one (interrupted
   * by a restart) starts again with nobody having voted; a closed one stays closed (`closed`).
   */
  openBallot(assemblyId: string, proposalId: string): Promise<'open' | 'closed'>;
  /**
   * Records that the live right `holder` holds has voted, in one transaction that checks the
   * vote is open and the right live: a vote never has more ballots than rights were issued. No
   * choice is passed in: the running tally is the caller's, in memory (ADR 014). `already` when
   * this right voted, or when `holder` voted through any right it held before (one withdrawn
   * mid-vote, then replaced by a new code): one ballot per right and per holder ([V10]).
   */
  castBallot(assemblyId: string, proposalId: string, holder: string): Promise<'counted' | 'already' | 'closed' | 'no-right'>;
  /** Whether `holder` voted in this vote, through any right it held (withdrawn ones included). */
  hasVoted(assemblyId: string, proposalId: string, holder: string): Promise<boolean>;
  /**
   * Closes an open vote for good with its totals, and forgets which rights voted; false when it
   * was not open.
   */
  closeBallot(assemblyId: string, proposalId: string, tally: Record<Choice, number>): Promise<boolean>;
  /** A vote's state, with its totals once closed; null when it was never opened. */
  ballotState(assemblyId: string, proposalId: string): Promise<{ state: BallotState; tally: Record<Choice, number> | null } | null>;
  /** Makes one open vote void (its running tally is lost), forgetting which rights voted. */
  voidBallot(assemblyId: string, proposalId: string): Promise<void>;
  /** At start: every vote still open lost its running tally with the process, so it becomes void. Returns them. */
  voidOpenBallots(): Promise<{ assemblyId: string; proposalId: string }[]>;

  createLink(link: LinkRecord): Promise<void>;
  getLink(id: string): Promise<LinkRecord | null>;
  findLinkByTokenHash(tokenHash: Uint8Array): Promise<LinkRecord | null>;
  listLinks(assemblyId: string): Promise<LinkRecord[]>;
  /** Marks a link revoked and deletes its join code, in one transaction; false when there is no such link. */
  revokeLink(id: string, at: number): Promise<boolean>;

  /**
   * Gives a live link its short join code (ADR 022): `codeHash` (an HMAC under the server's
   * secret) is unique among live codes, `sealedCode` lets the projector show it again. A code
   * lives as long as its link: revoking the link or deleting the assembly removes it.
   */
  addJoinCode(linkId: string, codeHash: Uint8Array, sealedCode: Uint8Array): Promise<JoinCodeResult>;
  /** The sealed join code of a link, or null when it has none (or was revoked). */
  getJoinCode(linkId: string): Promise<Uint8Array | null>;
  /** The id of the link whose live join code hashes to `codeHash` (an indexed lookup), or null. */
  findLinkIdByJoinCode(codeHash: Uint8Array): Promise<string | null>;

  /** Appends updates to a document's log in one transaction; returns the new last sequence number. */
  appendUpdates(doc: string, updates: Uint8Array[]): Promise<number>;
  loadDoc(doc: string): Promise<StoredDoc>;
  /**
   * Folds the snapshot and the logged updates with sequence <= `uptoSeq` into a new snapshot and
   * deletes exactly the rows it folded, in one transaction ([S9], [SO5]). The store folds what it
   * reads, never a caller's copy of the document: on several nodes a row another node appended
   * (with a lower sequence, or one this node has not heard of yet) is either folded or left in
   * the log, never dropped. Rows not yet committed when it runs stay in the log.
   */
  compactDoc(doc: string, uptoSeq: number): Promise<Compaction>;

  /** A trivial query (SQLite: `SELECT 1`): resolves when the store answers, throws otherwise ([SO34]). */
  ping(): Promise<void>;

  close(): Promise<void>;
}
