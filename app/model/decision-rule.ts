/**
 * How a proposal carries: the majority threshold and the quorum ([D8], [D9]), as the document
 * keeps them. What they suggest from the counts is in decision-suggest.ts (only the console and
 * the minutes need it: the phones' bundle stays small).
 */

export const THRESHOLDS = ['simple', 'two-thirds', 'consensus-minus-n'] as const;
export type Threshold = (typeof THRESHOLDS)[number];
export const QUORUMS = ['none', 'present', 'eligible'] as const;
export type QuorumKind = (typeof QUORUMS)[number];
/** "Consensus minus N": at most this many blocks (or votes against) and it still carries. */
export const MAX_BLOCKS_ALLOWED = 10;
/** Quorum counts: people, as the counts are bounded elsewhere. */
export const MAX_PEOPLE = 1_000_000;

export interface DecisionRule {
  threshold: Threshold;
  /** N of "consensus minus N", 0..10. */
  blocksAllowed: number;
  quorum: QuorumKind;
  /** `present`: how many people must be in the room. */
  quorumMin: number;
  /** `eligible`: what percentage of eligible voters must vote (1..100). */
  quorumPercent: number;
}

export const DEFAULT_RULE: DecisionRule = { threshold: 'simple', blocksAllowed: 0, quorum: 'none', quorumMin: 1, quorumPercent: 50 };

/** What the counts are, as the suggestion needs them. */
export interface Counted {
  /** Votes (hands or phones): for / against / abstain; consensus: blocks. */
  kind: 'votes' | 'consensus';
  for: number;
  against: number;
  abstain: number;
  blocks: number;
  /** Head count the facilitator typed, or null. */
  present: number | null;
  /** Eligible voters (voting codes issued and not withdrawn), or null when unknown or none issued. */
  eligible: number | null;
}

export interface ThresholdCheck {
  /** Which test: a share of for over for+against, or blocks (votes against) against N. */
  kind: 'simple' | 'two-thirds' | 'blocks';
  met: boolean;
  for: number;
  against: number;
  /** for / (for + against) as a whole percentage rounded down (display only), when votes were counted. */
  percent: number | null;
  /** Blocks (consensus) or votes against (consensus minus N on a vote), and N. */
  blocks: number;
  allowed: number;
}

export interface QuorumCheck {
  kind: 'present' | 'eligible';
  /** How many are needed. */
  needed: number;
  /** How many there are (present, or who voted), null when not known yet. */
  have: number | null;
  /** For `eligible`: how many are eligible. */
  of: number | null;
  /** null: cannot tell yet (no head count typed, no eligible voters known). */
  met: boolean | null;
}

export interface Suggestion {
  /** null: nothing to suggest (no votes, or the quorum cannot be told yet). */
  outcome: 'carried' | 'failed' | 'no-quorum' | null;
  threshold: ThresholdCheck | null;
  quorum: QuorumCheck | null;
}
