/**
 * The counts a facilitator types (a hand count, consensus blocks and stand-asides, a temperature
 * check), and when a proposal's counts are a result to show.
 */
import * as Y from 'yjs';
import { ProposalError, scaleSize, type Proposal, type Tally } from './proposal-shape.js';
import { readProposal } from './proposal-read.js';
import { nonNegative, proposalMap } from './proposal-input.js';

/** A hand count, as the counters call it out. */
export function setHandCount(doc: Y.Doc, id: string, tally: Tally): void {
  const map = proposalMap(doc, id);
  const clean = { for: nonNegative(tally.for, 'for'), against: nonNegative(tally.against, 'against'), abstain: nonNegative(tally.abstain, 'abstain') };
  doc.transact(() => map.set('counts', clean));
}

/** Consensus: how many blocked and how many stood aside. */
export function setConsensus(doc: Y.Doc, id: string, blocks: number, standAsides: number): void {
  const map = proposalMap(doc, id);
  const b = nonNegative(blocks, 'blocks');
  const s = nonNegative(standAsides, 'stand-asides');
  doc.transact(() => {
    map.set('blocks', b);
    map.set('standAsides', s);
  });
}

/** Temperature check: one count per point of the proposal's scale. */
export function setTemperature(doc: Y.Doc, id: string, counts: number[]): void {
  const map = proposalMap(doc, id);
  const p = readProposal(id, map);
  if (counts.length !== scaleSize(p.scale)) throw new ProposalError('invalid', 'scalePoints', { count: scaleSize(p.scale) });
  const clean = counts.map((c, i) => nonNegative(c, `point ${i}`));
  doc.transact(() => map.set('temperature', clean));
}

/**
 * Whether a proposal's for / against / abstain counts are a result to show ([V13]): a hand count's
 * always (a facilitator typed it); a phone vote's only once the server closed the vote with its
 * tally. Counts under "phone" that no closed vote produced (an interrupted vote, a vote never
 * opened, a hostile writer's numbers) are no result, on the phones, the projector or the minutes.
 */
export function showsCounts(p: Proposal): boolean {
  return p.method === 'hands' || (p.method === 'phone' && p.vote.closed === true);
}
