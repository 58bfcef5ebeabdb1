/**
 * What every proposal change checks first: the typed text and names, the counts, that the
 * proposal exists, and that the room has not voted on it by phone. Shared by the files that
 * change proposals (proposals.ts, amendments.ts, action-items.ts, counts.ts, phone-vote.ts,
 * proposal-edits.ts).
 */
import * as Y from 'yjs';
import { asMap, mapAt } from './shape.js';
import type { ModelErrorReason } from './model-error.js';
import { MAX_TEXT, ProposalError, proposalsMap, type Proposal } from './proposal-shape.js';
import { getProposal } from './proposal-read.js';

/** Which text: its two refusals (empty, too long). */
export type TextReasons = readonly [needed: ModelErrorReason, long: ModelErrorReason];
export const PROPOSAL_TEXT: TextReasons = ['proposalNeeded', 'proposalLong'];

/** `value` trimmed; refused when empty or longer than `max`. */
export function requiredText(value: string, [needed, long]: TextReasons, max = MAX_TEXT): string {
  const clean = value.trim();
  if (!clean) throw new ProposalError('invalid', needed);
  if (clean.length > max) throw new ProposalError('invalid', long, { max });
  return clean;
}

/** A name as typed (who brings it, who changed it), trimmed; '' when not given. */
export function optionalName(value: string | undefined, max = 100): string {
  const clean = (value ?? '').trim();
  if (clean.length > max) throw new ProposalError('invalid', 'nameFieldLong', { max });
  return clean;
}

/** A count typed by a facilitator; `_field` names it for a reader of the code. */
export function nonNegative(n: number, _field: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new ProposalError('invalid', 'count', { min: 0, max: 1_000_000 });
  return n;
}

/** The stored proposal `id`, or a not-found refusal. */
export function proposalMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = asMap(proposalsMap(doc).get(id));
  if (!map) throw new ProposalError('not-found', 'proposalMissing');
  return map;
}

/** The stored proposal `id` and how it reads; not found when missing or of a shape no reader foresaw. */
export function foundProposal(doc: Y.Doc, id: string): { map: Y.Map<unknown>; p: Proposal } {
  const map = asMap(proposalsMap(doc).get(id));
  const p = map ? getProposal(doc, id) : null;
  if (!map || !p) throw new ProposalError('not-found', 'proposalMissing');
  return { map, p };
}

/** A proposal's amendments, actions or revisions; a missing or mangled one is replaced by an empty map. */
export function listMap(map: Y.Map<unknown>, key: 'amendments' | 'actions' | 'revisions'): Y.Map<unknown> {
  const inner = mapAt(map, key);
  if (inner) return inner;
  const fresh = new Y.Map<unknown>();
  map.set(key, fresh);
  return fresh;
}

/** What the room voted on by phone, and by what rule, stays as it was voted (the server refuses changes: [F2]). */
export function assertNotVoted(p: Proposal): void {
  if (p.vote.open || p.vote.closed) throw new ProposalError('state', 'putToPhoneVote');
}
