/**
 * The console's edits that decide what the room votes on and how ([D5], [D8], [D9], [D13]): the
 * amended text with its history, the threshold and quorum, the head count, and which proposal the
 * projector shows. Apart from the files the phones import so the phones' bundle, which only
 * reads, carries none of it.
 */
import type * as Y from 'yjs';
import { runMap } from './agenda.js';
import { MAX_BLOCKS_ALLOWED, MAX_PEOPLE, QUORUMS, THRESHOLDS, type DecisionRule } from './decision-rule.js';
import { newId } from './ids.js';
import { stamp } from './stamp.js';
import type { ModelErrorReason } from './model-error.js';
import { MAX_REVISIONS, ProposalError } from './proposal-shape.js';
import { assertNotVoted, foundProposal, listMap, optionalName, PROPOSAL_TEXT, requiredText } from './proposal-input.js';
import { SHOWN } from './shown-proposal.js';

/**
 * Changes a proposal's text (after an amendment is accepted, the amended wording) and keeps the
 * text it replaces, with who (`editor`, as typed) and when (whole ms). Past MAX_REVISIONS the
 * oldest but the original goes. The same text again changes nothing.
 */
export function reviseText(doc: Y.Doc, id: string, text: string, edit: { now: number; editor?: string }): void {
  const { map, p } = foundProposal(doc, id);
  const next = requiredText(text, PROPOSAL_TEXT);
  const by = optionalName(edit.editor);
  if (next === p.text) return;
  assertNotVoted(p);
  doc.transact(() => {
    const revisions = listMap(map, 'revisions');
    const kept = p.revisions;
    for (const old of kept.slice(1, Math.max(1, kept.length - MAX_REVISIONS + 2))) revisions.delete(old.id);
    revisions.set(newId(), { text: p.text, by, at: stamp(edit.now) });
    map.set('text', next);
  });
}

/** The threshold and quorum; fixed once the room has voted on it by phone. */
export function setDecisionRule(doc: Y.Doc, id: string, changes: Partial<DecisionRule>): void {
  const { map, p } = foundProposal(doc, id);
  assertNotVoted(p);
  const clean: Record<string, unknown> = {};
  if (changes.threshold !== undefined) {
    if (!THRESHOLDS.includes(changes.threshold)) throw new ProposalError('invalid', 'threshold');
    clean.threshold = changes.threshold;
  }
  if (changes.quorum !== undefined) {
    if (!QUORUMS.includes(changes.quorum)) throw new ProposalError('invalid', 'quorum');
    clean.quorum = changes.quorum;
  }
  const whole = (n: number, min: number, max: number, reason: ModelErrorReason) => {
    if (!Number.isInteger(n) || n < min || n > max) throw new ProposalError('invalid', reason, { min, max });
    return n;
  };
  if (changes.blocksAllowed !== undefined) clean.blocksAllowed = whole(changes.blocksAllowed, 0, MAX_BLOCKS_ALLOWED, 'blocksAllowed');
  if (changes.quorumMin !== undefined) clean.quorumMin = whole(changes.quorumMin, 1, MAX_PEOPLE, 'quorumRange');
  if (changes.quorumPercent !== undefined) clean.quorumPercent = whole(changes.quorumPercent, 1, 100, 'quorumRange');
  doc.transact(() => Object.entries(clean).forEach(([k, v]) => map.set(k, v)));
}

/** How many are in the room (a facilitator's head count, for the quorum); null clears it. */
export function setPresent(doc: Y.Doc, id: string, present: number | null): void {
  const { map } = foundProposal(doc, id);
  if (present !== null && (!Number.isInteger(present) || present < 0 || present > MAX_PEOPLE)) {
    throw new ProposalError('invalid', 'present', { min: 0, max: MAX_PEOPLE });
  }
  doc.transact(() => (present === null ? map.delete('present') : map.set('present', present)));
}

/** Shows `id` on the projector and phones ([D13]); null clears the choice. */
export function showProposal(doc: Y.Doc, id: string | null): void {
  if (id !== null) foundProposal(doc, id);
  doc.transact(() => (id === null ? runMap(doc).delete(SHOWN) : runMap(doc).set(SHOWN, id)));
}
