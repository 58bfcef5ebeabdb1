/**
 * What loaders and actions may ask of the server, handed in through Remix's load context.
 * `app/` never imports `server/`; the server implements this interface (server/http/services.ts).
 */
import type * as Y from 'yjs';
import type { AssemblyMeta } from './model/meta';
import type { Choice } from './model/proposal-shape';

export const ROLES = ['facilitator', 'stack-keeper', 'note-taker', 'attendee', 'reader', 'interpreter'] as const;
export type Role = (typeof ROLES)[number];

export interface AssemblySummary {
  id: string;
  title: string;
  createdAt: number;
}

export interface RequestSession {
  /** The assembly the session's link is for. */
  assemblyId: string;
  role: Role;
  scope: string | null;
  linkId: string;
  /** Stable per browser per assembly; null for bearer-token requests. */
  sessionId: string | null;
  /** False for a voice-only attendee link. */
  canVote: boolean;
}

export interface LinkSummary {
  id: string;
  role: Role;
  scope: string | null;
  label: string | null;
  createdAt: number;
  revokedAt: number | null;
  /** The full join URL, kept only for attendee links (they are shown on the projector). */
  url: string | null;
  /** The live public join link's short code (`ABC-DEF`, typed at `/j`; ADR 022); null for others. */
  joinCode: string | null;
  canVote: boolean;
}

export interface MintedLink {
  link: LinkSummary;
  url: string;
  token: string;
}

/**
 * Errors the server throws into loaders and actions. The server and the Remix build each load
 * their own copy of this file, so `instanceof` compares names, not class identity.
 */
abstract class BoundaryError extends Error {
  static readonly tag: string;
  constructor(message: string) {
    super(message);
    this.name = (new.target as unknown as typeof BoundaryError).tag;
  }
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === this.tag;
  }
}

export class LastFacilitatorLinkError extends BoundaryError {
  static readonly tag = 'plenary.LastFacilitatorLinkError';
  constructor() {
    super('this is the last facilitator link; mint another before revoking it');
  }
}

/** A person asked for a document their link does not open (403; the rules decide, [X22]). */
export class AccessError extends BoundaryError {
  static readonly tag = 'plenary.AccessError';
}

/** The server cannot store changes right now (the disk is failing): try again shortly (503). */
export class UnavailableError extends BoundaryError {
  static readonly tag = 'plenary.UnavailableError';
}

/**
 * A phone vote refused: already voted, a voice-only link, voting not open, no voting right on
 * this phone, or a vote interrupted by a restart (void: the facilitators hold it again).
 */
export class VoteError extends BoundaryError {
  static readonly tag = 'plenary.VoteError';
  constructor(readonly code: 'already' | 'voiceOnly' | 'closed' | 'noRight' | 'interrupted') {
    super(code);
  }
}

/**
 * A voting code refused: not a code at all, no such code, used by another phone (or revoked),
 * this phone holds another one already, or a voice-only link.
 */
export class CodeError extends BoundaryError {
  static readonly tag = 'plenary.CodeError';
  constructor(readonly code: 'invalid' | 'unknown' | 'taken' | 'holdsAnother' | 'voiceOnly') {
    super(code);
  }
}

/** What a command is, for its allowance ([K9]): hands and seats, a ballot, a voting code. */
export type CommandKind = 'hand' | 'vote' | 'code';

/**
 * What a phone's command came to: a status (2xx done; 4xx refused for good; 429 and 5xx: try
 * again), the refusal's i18n key, and for a raised hand the name to remember.
 */
export interface CommandAnswer {
  status: number;
  error?: string;
  retryAfter?: number;
  name?: string;
  /** Where on the page the result shows (the form's section). */
  anchor?: string;
}

/** The voting roll: rights by number; a code only for a right not yet handed over (to reprint it). */
export interface VotingRoll {
  issued: number;
  redeemed: number;
  revoked: number;
  rights: { number: number; code: string | null; redeemed: boolean; revoked: boolean }[];
}

export type VoteChoice = Choice;

/**
 * The facilitators' minutes draft (ADR 017): kept on the server until it is published or
 * discarded. Every save, publish and discard names the revision it was based on; a stale one
 * changes nothing and comes back with what is stored now.
 */
export interface MinutesDraft {
  /** The text, or null when there is no draft (never made, published or discarded). */
  markdown: string | null;
  /** 0 before the first draft; every save, publish and discard adds one, so a number never comes back. */
  revision: number;
  /** When the text was saved (ms since the epoch); null when there is no draft. */
  savedAt: number | null;
}

/** A revision-checked change: done, or refused with what is stored now. */
export type DraftResult<T> = ({ ok: true } & T) | { ok: false; current: MinutesDraft };

/**
 * One language's translation of one published version of the minutes ([L60]), made by that
 * language's interpreters from that version. Saved like the draft: every save names the revision
 * it was based on, and a stale one changes nothing.
 */
export interface MinutesTranslation {
  version: number;
  /** The language's code, as the interpreter link's scope carries it (`es`, `so`). */
  language: string;
  /** The text, or null when there is none (never written, or emptied). */
  markdown: string | null;
  /** 0 before the first save; every save adds one, so a number never comes back. */
  revision: number;
  /** When the text was saved (ms since the epoch); null when there is none. */
  updatedAt: number | null;
}

/** A translation saved, or refused: `current` is what is stored now, null when that version was never published. */
export type TranslationResult = { ok: true; translation: MinutesTranslation } | { ok: false; current: MinutesTranslation | null };

export interface PlenaryServices {
  getAssembly(id: string): Promise<AssemblySummary | null>;
  /** The session a request holds for one assembly (cookie or bearer token), or null. */
  sessionFor(request: Request, assemblyId: string): Promise<RequestSession | null>;
  createAssembly(meta: AssemblyMeta, request: Request): Promise<{ id: string; facilitator: MintedLink; attendee: MintedLink; cookie: string }>;
  listLinks(assemblyId: string, request: Request): Promise<LinkSummary[]>;
  mintLink(assemblyId: string, input: { role: Role; scope: string | null; label: string | null; canVote?: boolean }, request: Request): Promise<MintedLink>;
  /** Throws LastFacilitatorLinkError for the last live facilitator link. Its join code dies with it. */
  revokeLink(assemblyId: string, linkId: string): Promise<boolean>;
  /**
   * Opens a typed join code (ADR 022) as `/join/<token>` opens the link it belongs to: the
   * session cookie to set (the same session as that link's, [A3]) and where to go. `invalid`
   * when the text cannot be a code, null when no live link has it. Guessing is rate limited in
   * front of the route, by address and overall (server/http/join-code-limit.ts).
   */
  redeemJoinCode(typed: string, request: Request): Promise<{ cookie: string; to: string } | 'invalid' | null>;
  /**
   * The server's current state of a document, as one Yjs update (for server rendering), for a
   * person who may read it: the rules' `accessTo` decides ([X22]); anyone else gets an
   * `AccessError` (403). Shared until the document changes: read only ([PF24]). `readDoc` is the
   * server's own read, for commands.
   */
  docState(docName: string, reader: RequestSession): Promise<Uint8Array>;
  /**
   * Applies a command to the server's live copy of a document in one transaction (attendees never
   * write Yjs themselves), and resolves once it is stored and sent to everyone. `change` runs
   * synchronously and should check everything before writing; if it throws, the error comes back.
   */
  changeDoc<T>(docName: string, change: (doc: Y.Doc) => T): Promise<T>;
  /**
   * The stored state vector of a document (client id → clock): a phone compares it with its own
   * to say honestly whether everything it holds is saved on the server.
   */
  docStateVector(docName: string, reader: RequestSession): Promise<Record<string, number>>;
  /** Reads the server's live copy of a document (loading it if needed), without changing it. */
  /** `state()`: the document's whole state as one update, shared until it changes (read only, [PF24]). */
  readDoc<T>(docName: string, read: (doc: Y.Doc, state: () => Uint8Array) => T): Promise<T>;
  /** Tags a stack entry as this session's (a different, unlinkable tag for every entry). */
  ownerTag(assemblyId: string, session: RequestSession): (entryId: string) => string;
  /** This session's seat key in one breakout round (unlinkable to its other rounds and hands). */
  seatKey(assemblyId: string, session: RequestSession, itemId: string): string;
  /**
   * Takes one command from the session's allowance (and, for hands and seats from a phone with no
   * voting right, from the assembly's shared one): 0 when it may go ahead, else the whole
   * seconds until it may (answer 429 with that Retry-After).
   */
  commandWait(assemblyId: string, session: RequestSession, kind: CommandKind): Promise<number>;
  /**
   * Runs a phone's command once per command id ([N1]): a later send of the same id (a retry after
   * a lost answer) gets the first answer instead of running again.
   */
  commandOnce(assemblyId: string, session: RequestSession, commandId: string, run: () => Promise<CommandAnswer>): Promise<CommandAnswer>;
  /** The server's clock (ms), for stamping commands. */
  now(): number;

  /**
   * A phone vote: once per voting right, secretly (the running tally is in memory only; the
   * document shows how many have voted until the vote closes). Throws VoteError.
   */
  castVote(assemblyId: string, session: RequestSession, proposalId: string, choice: VoteChoice, commandId?: string): Promise<void>;
  hasVoted(assemblyId: string, session: RequestSession, proposalId: string): Promise<boolean>;
  /** Opens a phone vote (a server command: no client writes a proposal's vote). Throws VoteError. */
  openVote(assemblyId: string, proposalId: string): Promise<void>;
  /** Closes a phone vote and writes the tally into the document. */
  closeVote(assemblyId: string, proposalId: string): Promise<void>;
  /**
   * Settles votes the document shows open but this process is not counting (it restarted): a
   * vote closed in the store gets its result written; any other becomes void, and says so.
   */
  settleVotes(assemblyId: string): Promise<void>;

  /** Issues `count` voting rights (1–500), one code each, for the check-in desk's sheet. */
  issueVotingRights(assemblyId: string, count: number): Promise<{ number: number; code: string }[]>;
  votingRoll(assemblyId: string): Promise<VotingRoll>;
  /** The roll's counts only (cheap: for every phone's page view). */
  votingCounts(assemblyId: string): Promise<Omit<VotingRoll, 'rights'>>;
  /** Revokes right number `number` (a lost or wrongly handed code); false when there is none. */
  revokeVotingRight(assemblyId: string, number: number): Promise<boolean>;
  /** Binds a voting code to this phone's session, once. Throws CodeError. */
  redeemVotingCode(assemblyId: string, session: RequestSession, code: string): Promise<void>;
  holdsVotingRight(assemblyId: string, session: RequestSession): Promise<boolean>;
  /**
   * A session on the room's public join link, for a phone that opens a personal voting-code
   * link before the room's QR: the cookie to set, or null when the room has no public link.
   */
  openPublicSession(assemblyId: string, request: Request): Promise<{ session: RequestSession; cookie: string } | null>;

  publishMinutes(assemblyId: string, markdown: string): Promise<number>;
  getMinutes(assemblyId: string, version?: number): Promise<{ version: number; markdown: string; publishedAt: number } | null>;
  listMinutes(assemblyId: string): Promise<{ version: number; publishedAt: number }[]>;
  getMinutesDraft(assemblyId: string): Promise<MinutesDraft>;
  /** Saves the draft if `basedOn` is its current revision ([D2]). */
  saveMinutesDraft(assemblyId: string, markdown: string, basedOn: number): Promise<DraftResult<{ draft: MinutesDraft }>>;
  /** Deletes the draft's text if `basedOn` is its current revision ([D4]). */
  discardMinutesDraft(assemblyId: string, basedOn: number): Promise<DraftResult<{ draft: MinutesDraft }>>;
  /** Publishes a new version and deletes the draft, if `basedOn` is its current revision ([D3]). */
  publishMinutesDraft(assemblyId: string, markdown: string, basedOn: number): Promise<DraftResult<{ version: number }>>;
  /** One language's translation of a published version (`revision: 0, markdown: null` when there is none). */
  getMinutesTranslation(assemblyId: string, version: number, language: string): Promise<MinutesTranslation>;
  /** The languages a published version has a translation in, by code. */
  listMinutesTranslations(assemblyId: string, version: number): Promise<{ language: string; revision: number; updatedAt: number }[]>;
  /**
   * Saves a translation of a published version if `basedOn` is its current revision ([L62]); null
   * `markdown` empties it. Refused (`current: null`) when the version was never published.
   */
  saveMinutesTranslation(assemblyId: string, version: number, language: string, markdown: string | null, basedOn: number): Promise<TranslationResult>;

  /** Deletes the assembly now: every row of it, its live documents dropped, its sockets closed. */
  deleteAssembly(assemblyId: string): Promise<void>;
  /** Deletes it `days` after it ends (when Next item passes the last item); null: never. */
  setDeleteAfter(assemblyId: string, days: number | null): Promise<void>;
  /** How many days after it ends the assembly deletes itself; null: never (app/commands/deletion.server.ts says when). */
  getDeleteAfter(assemblyId: string): Promise<number | null>;
}

/** The server's structured logger, as loaders and Remix's error hook see it (it scrubs secrets). */
export interface ServerLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    services: PlenaryServices;
    /** Every line the server writes goes through this, never `console` ([W12]). */
    log: ServerLog;
    /** Per-request nonce for the Content-Security-Policy's script-src. */
    cspNonce: string;
  }
}
