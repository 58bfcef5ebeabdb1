/**
 * How a proposal carries: the majority threshold and the quorum, and the outcome they suggest from
 * the counts ([D8]–[D11]). Pure functions over plain numbers: the console explains the suggestion
 * with the same numbers, and the minutes record them. The facilitators still record the outcome.
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

/**
 * Whether `yes` against `no` meets the threshold. Abstentions are not in it: they neither help nor
 * hurt (they count toward a quorum of who voted). Integers only, no division: exactly two thirds
 * carries (3·for ≥ 2·(for+against)), a tie never carries a simple majority, and zero votes carry
 * nothing.
 */
export function meetsThreshold(threshold: Threshold, yes: number, no: number, blocksAllowed = 0): boolean {
  if (threshold === 'consensus-minus-n') return no <= blocksAllowed && yes > 0;
  if (yes + no === 0) return false;
  if (threshold === 'two-thirds') return 3 * yes >= 2 * (yes + no);
  return yes > no;
}

/** How many of `total` make `percent` per cent, rounded up: 50% of 45 needs 23. */
export function quorumOf(percent: number, total: number): number {
  return Math.ceil((percent * total) / 100);
}

function checkQuorum(rule: DecisionRule, c: Counted): QuorumCheck | null {
  if (rule.quorum === 'present') {
    return { kind: 'present', needed: rule.quorumMin, have: c.present, of: null, met: c.present === null ? null : c.present >= rule.quorumMin };
  }
  if (rule.quorum === 'eligible') {
    if (c.eligible === null || c.eligible <= 0) return { kind: 'eligible', needed: 0, have: null, of: null, met: null };
    const needed = quorumOf(rule.quorumPercent, c.eligible);
    // Who took part: everyone who voted (abstaining is taking part); in consensus, the head count.
    const have = c.kind === 'votes' ? c.for + c.against + c.abstain : c.present;
    return { kind: 'eligible', needed, have, of: c.eligible, met: have === null ? null : have >= needed };
  }
  return null;
}

/** The suggestion and its reasons, from the counts, the threshold and the quorum. */
export function suggest(rule: DecisionRule, c: Counted): Suggestion {
  const quorum = checkQuorum(rule, c);
  let threshold: ThresholdCheck;
  if (c.kind === 'consensus') {
    // Consensus always counts blocks: N allowed under "consensus minus N", none otherwise.
    const allowed = rule.threshold === 'consensus-minus-n' ? rule.blocksAllowed : 0;
    threshold = { kind: 'blocks', met: c.blocks <= allowed, for: 0, against: 0, percent: null, blocks: c.blocks, allowed };
  } else {
    const votes = c.for + c.against;
    const percent = votes > 0 ? Math.floor((100 * c.for) / votes) : null;
    if (votes + c.abstain === 0) return { outcome: null, threshold: null, quorum };
    const kind = rule.threshold === 'consensus-minus-n' ? 'blocks' : rule.threshold;
    threshold = {
      kind,
      met: meetsThreshold(rule.threshold, c.for, c.against, rule.blocksAllowed),
      for: c.for,
      against: c.against,
      percent,
      blocks: c.against,
      allowed: rule.threshold === 'consensus-minus-n' ? rule.blocksAllowed : 0,
    };
  }
  if (quorum?.met === false) return { outcome: 'no-quorum', threshold, quorum };
  if (quorum && quorum.met === null) return { outcome: null, threshold, quorum };
  return { outcome: threshold.met ? 'carried' : 'failed', threshold, quorum };
}
