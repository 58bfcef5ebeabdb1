/**
 * Proposals and decisions: a proposal brought to an item, who brings it, how the room decides,
 * and the outcome. Amendments, counts, the phone vote, action items and what is shown each have
 * their own file (see proposal-shape.ts for what a proposal is).
 *
 * The app imports each from its own file; this one also re-exports them all, as the one import
 * for tests and scripts that set up or check a whole decision.
 */
import * as Y from 'yjs';
import { newId } from './ids.js';
import { stamp } from './stamp.js';
import { METHODS, OUTCOMES, ProposalError, proposalsMap, SCALES, scaleSize, type Method, type Outcome, type Scale } from './proposal-shape.js';
import { readProposal } from './proposal-read.js';
import { optionalName, PROPOSAL_TEXT, proposalMap, requiredText } from './proposal-input.js';

export * from './proposal-shape.js';
export * from './proposal-read.js';
export * from './amendments.js';
export * from './counts.js';
export * from './phone-vote.js';
export * from './action-items.js';
export * from './shown-proposal.js';

export function addProposal(doc: Y.Doc, input: { itemId: string; text: string; by?: string; method?: Method }, now: number): string {
  now = stamp(now);
  const body = requiredText(input.text, PROPOSAL_TEXT);
  const by = optionalName(input.by);
  const method = input.method ?? 'hands';
  if (!METHODS.includes(method)) throw new ProposalError('invalid', 'method');
  const id = newId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    proposalsMap(doc).set(id, map);
    map.set('itemId', input.itemId);
    map.set('text', body);
    map.set('by', by);
    map.set('createdAt', now);
    map.set('method', method);
    map.set('amendments', new Y.Map());
    map.set('actions', new Y.Map());
  });
  return id;
}

/**
 * Edits who brings a proposal, its method or its scale. Its text changes through `reviseText`
 * (proposal-edits.ts), which keeps the text it replaces ([D5]).
 */
export function editProposal(doc: Y.Doc, id: string, changes: { by?: string; method?: Method; scale?: Scale }): void {
  const map = proposalMap(doc, id);
  const clean: Record<string, unknown> = {};
  if (changes.by !== undefined) clean.by = optionalName(changes.by);
  if (changes.method !== undefined) {
    if (!METHODS.includes(changes.method)) throw new ProposalError('invalid', 'method');
    const vote = readProposal(id, map).vote;
    if (vote.open) throw new ProposalError('state', 'closeVoteFirst');
    // A closed phone vote's tally is the ballots' count: it is not turned into an editable hand count.
    if (vote.closed) throw new ProposalError('state', 'decidedByPhone');
    clean.method = changes.method;
  }
  if (changes.scale !== undefined) {
    if (!SCALES.includes(changes.scale)) throw new ProposalError('invalid', 'scale');
    clean.scale = changes.scale;
    clean.temperature = Array(scaleSize(changes.scale)).fill(0);
  }
  doc.transact(() => Object.entries(clean).forEach(([k, v]) => map.set(k, v)));
}

/** Records how the room decided (null clears it); not while the phone vote is open. */
export function setOutcome(doc: Y.Doc, id: string, outcome: Outcome | null, now: number): void {
  now = stamp(now);
  const map = proposalMap(doc, id);
  if (outcome !== null && !OUTCOMES.includes(outcome)) throw new ProposalError('invalid', 'outcome');
  if (outcome !== null && readProposal(id, map).vote.open) throw new ProposalError('state', 'closeVoteFirst');
  doc.transact(() => {
    if (outcome) {
      map.set('outcome', outcome);
      map.set('decidedAt', now);
    } else {
      map.delete('outcome');
      map.delete('decidedAt');
    }
  });
}
