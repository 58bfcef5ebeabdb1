/**
 * The threshold, the quorum and the suggestion in words ([D10], [D11]): one sentence each, for the
 * console and the minutes, so both say the same thing from the same numbers.
 */
import type { DecisionRule, QuorumCheck, Suggestion, ThresholdCheck } from './decision-rule.js';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "Two thirds (for ≥ 2/3 of for + against; abstentions not counted)", with N for consensus minus N. */
export function describeThreshold(t: Translate, rule: DecisionRule): string {
  return t(`decision.thresholds.${rule.threshold}`, { count: rule.blocksAllowed });
}

/** "Quorum: 40 people present", "Quorum: 50% of eligible voters vote", or '' when there is none. */
export function describeQuorum(t: Translate, rule: DecisionRule): string {
  if (rule.quorum === 'present') return t('decision.quorumPresent', { count: rule.quorumMin });
  if (rule.quorum === 'eligible') return t('decision.quorumEligible', { percent: rule.quorumPercent });
  return '';
}

/** Why the threshold is met or not: "34 for, 12 against: 73% ≥ 2/3". */
export function explainThreshold(t: Translate, c: ThresholdCheck): string {
  const met = c.met ? 'met' : 'not';
  if (c.kind === 'blocks') return t(`decision.why.blocks_${met}`, { blocks: c.blocks, allowed: c.allowed });
  const key = c.kind === 'two-thirds' ? 'twoThirds' : 'simple';
  return t(`decision.why.${key}_${met}`, { for: c.for, against: c.against, percent: c.percent ?? 0 });
}

/** Whether the quorum is met: "quorum 40, 46 present: met". */
export function explainQuorum(t: Translate, q: QuorumCheck, rule: DecisionRule): string {
  const state = q.met === null ? 'unknown' : q.met ? 'met' : 'not';
  if (q.kind === 'present') return t(`decision.why.present_${state}`, { needed: q.needed, have: q.have ?? 0 });
  if (q.of === null) return t('decision.why.eligible_none', { percent: rule.quorumPercent });
  return t(`decision.why.eligible_${state}`, { percent: rule.quorumPercent, of: q.of, needed: q.needed, have: q.have ?? 0 });
}

/** The reasons, one sentence each (threshold, then quorum), and the suggested outcome's words. */
export function explainSuggestion(t: Translate, s: Suggestion, rule: DecisionRule): { reasons: string[]; outcome: string | null } {
  const reasons: string[] = [];
  if (s.threshold) reasons.push(explainThreshold(t, s.threshold));
  if (s.quorum) reasons.push(explainQuorum(t, s.quorum, rule));
  return { reasons, outcome: s.outcome ? t(`decision.suggested.${s.outcome}`) : null };
}
