/** Amendments to a proposal: proposed, then accepted or rejected, until the room votes by phone. */
import * as Y from 'yjs';
import { newId } from './ids.js';
import { mapAt, record } from './shape.js';
import { stamp } from './stamp.js';
import { ProposalError } from './proposal-shape.js';
import { readProposal } from './proposal-read.js';
import { assertNotVoted, listMap, optionalName, proposalMap, requiredText } from './proposal-input.js';

export function addAmendment(doc: Y.Doc, id: string, input: { text: string; by?: string }, now: number): string {
  now = stamp(now);
  const map = proposalMap(doc, id);
  assertNotVoted(readProposal(id, map));
  const amendment = { text: requiredText(input.text, ['amendmentNeeded', 'amendmentLong']), by: optionalName(input.by), accepted: null, at: now };
  const aid = newId();
  doc.transact(() => listMap(map, 'amendments').set(aid, amendment));
  return aid;
}

/** Accepts (true), rejects (false) or reopens (null) an amendment. */
export function decideAmendment(doc: Y.Doc, id: string, amendmentId: string, accepted: boolean | null): void {
  assertNotVoted(readProposal(id, proposalMap(doc, id)));
  const amendments = mapAt(proposalMap(doc, id), 'amendments');
  const current = amendments ? record(amendments.get(amendmentId)) : {};
  if (!amendments || !amendments.has(amendmentId)) throw new ProposalError('not-found', 'amendmentMissing');
  doc.transact(() => amendments.set(amendmentId, { ...current, accepted }));
}
