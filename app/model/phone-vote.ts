/**
 * A proposal's phone vote, as the server runs it: open, count each ballot cast (never the choice),
 * close with the tally the server kept, or void it when the server restarted mid-vote (ADR 014).
 */
import * as Y from 'yjs';
import { runMap } from './agenda.js';
import { MAX_PEOPLE } from './decision-rule.js';
import { ProposalError, type Tally } from './proposal-shape.js';
import { readProposal } from './proposal-read.js';
import { proposalMap } from './proposal-input.js';
import { SHOWN } from './shown-proposal.js';

const emptyTally = (): Tally => ({ for: 0, against: 0, abstain: 0 });

/** Opens the phone vote (the method becomes "phone"); the server counts from here. */
export function openVote(doc: Y.Doc, id: string): void {
  const map = proposalMap(doc, id);
  const p = readProposal(id, map);
  if (p.vote.closed) throw new ProposalError('state', 'voteClosed');
  doc.transact(() => {
    map.set('method', 'phone');
    map.set('vote', { open: true, cast: p.vote.cast, closed: false });
    // Opening a vote is the facilitator's choice of what the room looks at ([D13]).
    runMap(doc).set(SHOWN, id);
  });
}

/** One more vote cast (the server, as a phone votes): the count shows, never the choice. */
export function countCast(doc: Y.Doc, id: string): void {
  const map = proposalMap(doc, id);
  const p = readProposal(id, map);
  if (!p.vote.open) throw new ProposalError('state', 'voteNotOpen');
  doc.transact(() => map.set('vote', { ...p.vote, cast: p.vote.cast + 1 }));
}

/** Closes the phone vote and publishes the tally the server kept. */
export function closeVote(doc: Y.Doc, id: string, tally: Tally, eligible?: number): void {
  const map = proposalMap(doc, id);
  const p = readProposal(id, map);
  if (!p.vote.open) throw new ProposalError('state', 'voteNotOpen');
  const counts = { ...emptyTally(), ...tally };
  doc.transact(() => {
    // The cast count becomes the tally's total: every counted ballot, whatever the race.
    const rights = eligible !== undefined && Number.isInteger(eligible) && eligible >= 0 && eligible <= MAX_PEOPLE ? { eligible } : {};
    map.set('vote', { open: false, cast: counts.for + counts.against + counts.abstain, closed: true, ...rights });
    map.set('method', 'phone');
    map.set('counts', counts);
  });
}

/**
 * Voids a phone vote the server stopped counting (it restarted while the vote was open): nobody's
 * ballot stands, the facilitators open it again (the server, ADR 014).
 */
export function voidVote(doc: Y.Doc, id: string): void {
  const map = proposalMap(doc, id);
  if (!readProposal(id, map).vote.open) throw new ProposalError('state', 'voteNotOpen');
  doc.transact(() => map.set('vote', { open: false, cast: 0, closed: false, interrupted: true }));
}
