/**
 * What a proposal's counts suggest under its threshold and quorum, with the numbers behind it
 * ([D8]–[D10]). Pure functions over plain numbers: the console explains the suggestion with the
 * same numbers, and the minutes record them. The facilitators still record the outcome.
 */
import type { Counted, DecisionRule, QuorumCheck, Suggestion, Threshold, ThresholdCheck } from './decision-rule.js';
import { showsCounts } from './counts.js';
import { type Proposal } from './proposal-shape.js';

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

/**
 * What the counts suggest under the proposal's threshold and quorum, with the numbers behind it
 * ([D9]–[D11]), for the facilitator to confirm. `eligible`: voting codes issued and not withdrawn
 * now (a closed phone vote uses the count the server wrote when it closed). Null for a temperature
 * check or a phone vote not closed.
 */
export function suggestion(p: Proposal, eligible: number | null = null): Suggestion | null {
  if (p.method === 'temperature') return null;
  if (p.method !== 'consensus' && !showsCounts(p)) return null;
  return suggest(p.rule, {
    kind: p.method === 'consensus' ? 'consensus' : 'votes',
    for: p.counts.for,
    against: p.counts.against,
    abstain: p.counts.abstain,
    blocks: p.blocks,
    present: p.present,
    eligible: p.vote.eligible ?? eligible,
  });
}

/** The suggested outcome alone (see `suggestion`). */
export function suggestedOutcome(p: Proposal, eligible: number | null = null): Suggestion['outcome'] {
  return suggestion(p, eligible)?.outcome ?? null;
}
