/** A decision's action items: what, who, by when. */
import * as Y from 'yjs';
import { newId } from './ids.js';
import { mapAt } from './shape.js';
import { stamp } from './stamp.js';
import { ProposalError } from './proposal-shape.js';
import { listMap, optionalName, proposalMap, requiredText } from './proposal-input.js';

export function addAction(doc: Y.Doc, id: string, input: { what: string; who?: string; due?: string }, now: number): string {
  now = stamp(now);
  const map = proposalMap(doc, id);
  const due = (input.due ?? '').trim();
  if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new ProposalError('invalid', 'dueDate');
  const action = { what: requiredText(input.what, ['actionNeeded', 'actionLong'], 300), who: optionalName(input.who), due, at: now };
  const aid = newId();
  doc.transact(() => listMap(map, 'actions').set(aid, action));
  return aid;
}

export function removeAction(doc: Y.Doc, id: string, actionId: string): void {
  const actions = mapAt(proposalMap(doc, id), 'actions');
  if (actions) doc.transact(() => actions.delete(actionId));
}
