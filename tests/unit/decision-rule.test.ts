/**
 * Thresholds and quorums ([D8]–[D11]): the boundaries by hand (exactly two thirds, ties, zero
 * votes, N blocks, a quorum met by one), then seeded property tests against an independent
 * statement of each rule in exact rational arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE, THRESHOLDS, type Counted, type DecisionRule } from '../../app/model/decision-rule.js';
import { meetsThreshold, quorumOf, suggest } from '../../app/model/decision-suggest.js';
import { pick, seeded } from '../helpers/random.js';

const votes = (yes: number, no: number, abstain = 0, more: Partial<Counted> = {}): Counted => ({
  kind: 'votes',
  for: yes,
  against: no,
  abstain,
  blocks: 0,
  present: null,
  eligible: null,
  ...more,
});
const rule = (more: Partial<DecisionRule>): DecisionRule => ({ ...DEFAULT_RULE, ...more });

describe('[D8] thresholds at their boundaries', () => {
  it('[D8] simple: more for than against; a tie fails; abstentions do not count', () => {
    expect(meetsThreshold('simple', 51, 50)).toBe(true);
    expect(meetsThreshold('simple', 50, 50)).toBe(false);
    expect(suggest(DEFAULT_RULE, votes(10, 9, 500)).outcome).toBe('carried');
    expect(suggest(DEFAULT_RULE, votes(10, 10, 1)).outcome).toBe('failed');
  });

  it('[D8] two-thirds: exactly 2/3 of for + against carries, one vote short fails', () => {
    expect(meetsThreshold('two-thirds', 2, 1)).toBe(true);
    expect(meetsThreshold('two-thirds', 20, 10)).toBe(true);
    expect(meetsThreshold('two-thirds', 19, 10)).toBe(false);
    expect(meetsThreshold('two-thirds', 34, 12)).toBe(true); // 73.9%
    expect(meetsThreshold('two-thirds', 666_666, 333_334)).toBe(false); // 66.6666% < 2/3
    expect(meetsThreshold('two-thirds', 666_668, 333_334)).toBe(true);
    expect(suggest(rule({ threshold: 'two-thirds' }), votes(20, 10, 40)).outcome).toBe('carried'); // abstentions outside
  });

  it('[D8] zero votes carry nothing and suggest nothing', () => {
    for (const threshold of THRESHOLDS) expect(meetsThreshold(threshold, 0, 0, 3)).toBe(false);
    expect(suggest(DEFAULT_RULE, votes(0, 0, 0))).toEqual({ outcome: null, threshold: null, quorum: null });
    expect(suggest(DEFAULT_RULE, votes(0, 0, 7)).outcome).toBe('failed'); // everyone abstained
  });

  it('[D8] consensus minus N: N blocks carry, N + 1 fail; on a vote, votes against are the blocks', () => {
    const c = (blocks: number): Counted => ({ ...votes(0, 0), kind: 'consensus', blocks });
    expect(suggest(rule({ threshold: 'consensus-minus-n', blocksAllowed: 2 }), c(2)).outcome).toBe('carried');
    expect(suggest(rule({ threshold: 'consensus-minus-n', blocksAllowed: 2 }), c(3)).outcome).toBe('failed');
    expect(suggest(DEFAULT_RULE, c(0)).outcome).toBe('carried'); // plain consensus: no block
    expect(suggest(DEFAULT_RULE, c(1)).outcome).toBe('failed');
    expect(suggest(rule({ threshold: 'consensus-minus-n', blocksAllowed: 1 }), votes(80, 1)).outcome).toBe('carried');
    expect(suggest(rule({ threshold: 'consensus-minus-n', blocksAllowed: 1 }), votes(80, 2)).outcome).toBe('failed');
  });
});

describe('[D9] quorum against the people present or the eligible voters', () => {
  it('[D9] present: met at exactly the quorum, not one below; unknown until a head count is typed', () => {
    const r = rule({ quorum: 'present', quorumMin: 40 });
    expect(suggest(r, votes(34, 12, 0, { present: 46 }))).toMatchObject({ outcome: 'carried', quorum: { kind: 'present', needed: 40, have: 46, met: true } });
    expect(suggest(r, votes(34, 12, 0, { present: 40 })).quorum?.met).toBe(true);
    expect(suggest(r, votes(34, 12, 0, { present: 39 })).outcome).toBe('no-quorum');
    expect(suggest(r, votes(34, 12))).toMatchObject({ outcome: null, quorum: { met: null } });
  });

  it('[D9] eligible: a share of voting codes must vote (abstentions count toward it), rounded up', () => {
    const r = rule({ quorum: 'eligible', quorumPercent: 50 });
    expect(quorumOf(50, 45)).toBe(23);
    expect(suggest(r, votes(20, 2, 1, { eligible: 45 }))).toMatchObject({ outcome: 'carried', quorum: { needed: 23, have: 23, of: 45, met: true } });
    expect(suggest(r, votes(20, 2, 0, { eligible: 45 })).outcome).toBe('no-quorum');
    // No codes issued: the quorum cannot be told, so nothing is suggested.
    expect(suggest(r, votes(20, 2, 0, { eligible: 0 })).outcome).toBeNull();
  });

  it('[D9] a failed threshold without quorum says no quorum (the vote did not count)', () => {
    expect(suggest(rule({ quorum: 'present', quorumMin: 100 }), votes(1, 9, 0, { present: 10 })).outcome).toBe('no-quorum');
  });
});

/** The rules again, independently: exact fractions with BigInt, no shared code. */
function expected(r: DecisionRule, c: Counted): string | null {
  const y = BigInt(c.for);
  const n = BigInt(c.against);
  let passed: boolean;
  if (c.kind === 'consensus') passed = c.blocks <= (r.threshold === 'consensus-minus-n' ? r.blocksAllowed : 0);
  else {
    if (c.for + c.against + c.abstain === 0) return null;
    if (r.threshold === 'simple') passed = y > n;
    else if (r.threshold === 'two-thirds') passed = y + n > 0n && y * 3n >= (y + n) * 2n;
    else passed = c.against <= r.blocksAllowed && c.for > 0;
  }
  let quorum: boolean | null = true;
  if (r.quorum === 'present') quorum = c.present === null ? null : c.present >= r.quorumMin;
  if (r.quorum === 'eligible') {
    if (!c.eligible) quorum = null;
    else {
      const have = c.kind === 'votes' ? c.for + c.against + c.abstain : c.present;
      // have / eligible >= percent / 100, exactly.
      quorum = have === null ? null : BigInt(have) * 100n >= BigInt(r.quorumPercent) * BigInt(c.eligible);
    }
  }
  if (quorum === false) return 'no-quorum';
  if (quorum === null) return null;
  return passed ? 'carried' : 'failed';
}

describe('[D10] the suggestion is computed: seeded properties', () => {
  it('[D10] 20,000 random counts and rules, biased to the boundaries, agree with exact arithmetic', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = seeded(seed);
      const small = () => Math.floor(rng() * 12);
      const big = () => Math.floor(rng() * 1_000_001);
      for (let i = 0; i < 1000; i++) {
        const yes = rng() < 0.5 ? small() : big();
        // Near the boundaries: a tie, exactly a half of for (2/3), one either side.
        const no = pick(rng, [small(), big(), yes, Math.floor(yes / 2), Math.floor(yes / 2) + 1, Math.max(0, yes - 1), yes + 1]);
        const r: DecisionRule = {
          threshold: pick(rng, THRESHOLDS),
          blocksAllowed: Math.floor(rng() * 11),
          quorum: pick(rng, ['none', 'present', 'eligible'] as const),
          quorumMin: 1 + small(),
          quorumPercent: 1 + Math.floor(rng() * 100),
        };
        const c: Counted = {
          kind: rng() < 0.2 ? 'consensus' : 'votes',
          for: yes,
          against: no,
          abstain: rng() < 0.5 ? 0 : small(),
          blocks: small(),
          present: rng() < 0.2 ? null : small() + (rng() < 0.5 ? 0 : 30),
          eligible: rng() < 0.2 ? null : small() + (rng() < 0.5 ? 0 : 30),
        };
        const got = suggest(r, c).outcome;
        if (got !== expected(r, c)) throw new Error(`seed ${seed}, case ${i}: ${JSON.stringify({ r, c, got })}`);
      }
    }
  });

  it('[D10] monotone: one more vote for never turns carried into failed; one more against never the reverse', () => {
    const rng = seeded(42);
    for (let i = 0; i < 5000; i++) {
      const r = rule({ threshold: pick(rng, THRESHOLDS), blocksAllowed: Math.floor(rng() * 11) });
      const c = votes(Math.floor(rng() * 50), Math.floor(rng() * 50), Math.floor(rng() * 5));
      const base = suggest(r, c).outcome;
      if (base === 'carried') expect(suggest(r, { ...c, for: c.for + 1 }).outcome).toBe('carried');
      if (base === 'failed') expect(suggest(r, { ...c, against: c.against + 1 }).outcome).toBe('failed');
    }
  });
});
