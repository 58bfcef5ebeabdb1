/**
 * What a proposal is, in the plenary document (`proposals`, keyed by id): the text, who brings it,
 * amendments, how the room decides, the counts, the outcome, and the action items; and how a
 * change to one is refused. Reading is in proposal-read.ts, each kind of change in its own file.
 *
 * A phone vote is secret: while it is open the document holds only how many have voted; the
 * tally is kept by the server (never who voted how) and written here when the vote closes.
 */
import * as Y from 'yjs';
import { CodedModelError } from './model-error.js';
import type { DecisionRule } from './decision-rule.js';

export const METHODS = ['hands', 'consensus', 'temperature', 'phone'] as const;
export type Method = (typeof METHODS)[number];
export const OUTCOMES = ['carried', 'failed', 'withdrawn', 'tabled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const CHOICES = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
/** Fist-to-five (0..5 fingers) or agree / unsure / disagree. */
export const SCALES = ['fist-to-five', 'agree-unsure-disagree'] as const;
export type Scale = (typeof SCALES)[number];

export type Tally = Record<Choice, number>;

export interface Amendment {
  id: string;
  text: string;
  by: string;
  /** null while undecided. */
  accepted: boolean | null;
}

/** A proposal's text before a change ([D5]): what it said, who changed it (as typed, or ''), when. */
export interface Revision {
  id: string;
  /** The text as it was before this change. */
  text: string;
  by: string;
  at: number;
}

export interface ActionItem {
  id: string;
  what: string;
  /** A name or a group. */
  who: string;
  /** A date as typed (YYYY-MM-DD), or ''. */
  due: string;
}

export interface Proposal {
  id: string;
  itemId: string;
  text: string;
  by: string;
  createdAt: number;
  method: Method;
  amendments: Amendment[];
  /** Hand count, or the phone vote's tally once closed. */
  counts: Tally;
  blocks: number;
  standAsides: number;
  scale: Scale;
  /** Temperature check: one count per point of the scale (6 for fist-to-five, 3 otherwise). */
  temperature: number[];
  /**
   * `interrupted`: the server restarted while it was open, so its ballots are void (ADR 014).
   * `eligible`: voting codes issued and not withdrawn when the server closed it (for the quorum).
   */
  vote: { open: boolean; cast: number; closed: boolean; interrupted?: boolean; eligible?: number };
  /** The threshold and quorum it is decided by ([D8]–[D11]). */
  rule: DecisionRule;
  /** How many are in the room, as a facilitator counted them for the quorum; null when not typed. */
  present: number | null;
  /** Earlier texts, oldest first (at most MAX_REVISIONS): the first is the original once edited. */
  revisions: Revision[];
  outcome: Outcome | null;
  decidedAt: number | null;
  actions: ActionItem[];
}

/** A refused proposal change: `code` for the HTTP status, `reason` and `params` for the page ([L30]). */
export class ProposalError extends CodedModelError<'invalid' | 'not-found' | 'state'> {}

export const MAX_TEXT = 2000;
/** Amendments and action items read per proposal: a bound on work, far above any real one. */
export const MAX_LIST = 500;
/**
 * Earlier texts kept per proposal ([D5]): the original and the latest changes. Writers keep at most
 * this many; the server takes a few more (two facilitators editing at once each add one).
 */
export const MAX_REVISIONS = 50;

export const proposalsMap = (doc: Y.Doc) => doc.getMap<unknown>('proposals');

/** Points on a temperature scale: 0..5 fingers, or agree / unsure / disagree. */
export const scaleSize = (scale: Scale) => (scale === 'fist-to-five' ? 6 : 3);
