/** Which proposal the projector and the phones show ([D13]). */
import * as Y from 'yjs';
import { runMap } from './agenda.js';
import type { Proposal } from './proposal-shape.js';
import { readProposals } from './proposal-read.js';

/** Where the facilitator's choice of proposal for the projector and phones is kept (`run`). */
export const SHOWN = 'shownProposalId';

/** The proposal a facilitator chose to show ([D13]), or null. */
export function shownProposalId(doc: Y.Doc): string | null {
  const id = runMap(doc).get(SHOWN);
  return typeof id === 'string' ? id : null;
}

/**
 * The proposal the projector and the phones show for the current item ([D13]): one whose phone
 * vote is open (the room is voting on it: opening it also made it the choice), else the one a
 * facilitator chose, else the item's first. Nothing here moves by itself: adding a proposal or
 * recording an outcome never changes what is shown.
 */
export function currentProposal(doc: Y.Doc, itemId: string | null): Proposal | null {
  if (!itemId) return null;
  const ps = readProposals(doc, itemId);
  const shown = shownProposalId(doc);
  return ps.find((p) => p.vote.open) ?? ps.find((p) => p.id === shown) ?? ps[0] ?? null;
}
