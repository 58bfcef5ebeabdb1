/** Proposals (`proposals`): their shape and who may change what in one. */
import * as Y from 'yjs';
import { z } from 'zod';
import { MAX_REVISIONS, MAX_TEXT, METHODS, OUTCOMES, SCALES } from '../../../app/model/proposal-shape.js';
import { MAX_BLOCKS_ALLOWED, MAX_PEOPLE, QUORUMS, THRESHOLDS } from '../../../app/model/decision-rule.js';
import { forbidden, invalid, json, mapEntry, OK, same, type WriteVerdict } from '../write-verdict.js';
import { count, id, instant, text } from './shapes.js';

const amendment = z.object({ text: text(MAX_TEXT), by: text(100), accepted: z.boolean().nullable(), at: instant }).strict();
const action = z.object({ what: text(300), who: text(100), due: text(10), at: instant }).strict();
const tally = z.object({ for: count, against: count, abstain: count }).strict();
const revision = z.object({ text: text(MAX_TEXT), by: text(100), at: instant }).strict();
/** Writers keep MAX_REVISIONS; two facilitators editing at once may each add one past it. */
const MAX_STORED_REVISIONS = MAX_REVISIONS + 10;
const people = z.number().int().min(0).max(MAX_PEOPLE);

const proposal = z
  .object({
    itemId: z.string().max(64),
    text: text(MAX_TEXT),
    by: text(100),
    createdAt: instant,
    method: z.enum(METHODS),
    amendments: z.record(id, amendment).refine((r) => Object.keys(r).length <= 200, 'at most 200 amendments'),
    actions: z.record(id, action).refine((r) => Object.keys(r).length <= 200, 'at most 200 actions'),
    counts: tally,
    blocks: count,
    standAsides: count,
    scale: z.enum(SCALES),
    temperature: z.array(count).max(6),
    // `interrupted`: the server restarted while the vote was open (ADR 014); written by the server.
    vote: z.object({ open: z.boolean(), cast: count, closed: z.boolean(), interrupted: z.boolean().optional(), eligible: people.optional() }).strict(),
    // The threshold and quorum ([D8]–[D11]) and the earlier texts ([D5]).
    threshold: z.enum(THRESHOLDS),
    blocksAllowed: z.number().int().min(0).max(MAX_BLOCKS_ALLOWED),
    quorum: z.enum(QUORUMS),
    quorumMin: z.number().int().min(1).max(MAX_PEOPLE),
    quorumPercent: z.number().int().min(1).max(100),
    present: people,
    revisions: z.record(id, revision).refine((r) => Object.keys(r).length <= MAX_STORED_REVISIONS, `at most ${MAX_STORED_REVISIONS} earlier texts`),
    outcome: z.enum(OUTCOMES),
    decidedAt: instant,
  })
  .partial()
  .strict();

/** Facilitators write proposals; a phone vote's state and result are the server's. */
export function proposalRule(before: unknown, after: unknown): WriteVerdict {
  const shape = mapEntry(proposal, 'a proposal', after);
  if (!shape.ok) return shape;
  const map = after instanceof Y.Map ? after : null;
  if (map && (!nestedMap(map, 'amendments') || !nestedMap(map, 'actions') || !nestedMap(map, 'revisions')))
    return invalid('amendments, actions and revisions are maps');
  const was = json(before);
  const now = json(after);
  const voted = (p: Record<string, unknown> | undefined) => {
    const vote = p?.vote as { open?: boolean; closed?: boolean } | undefined;
    return vote?.open === true || vote?.closed === true;
  };
  if (!now) return voted(was) ? forbidden('a proposal put to a phone vote stays') : OK;
  if (!same(was?.vote, now.vote)) return forbidden('the server opens, counts and closes a phone vote');
  if (voted(was)) {
    // What the room voted on, by what rule, and the result stay as they were; the outcome, the
    // actions and the head count (for the quorum) follow.
    for (const field of Object.keys({ ...was, ...now })) {
      if (field === 'outcome' || field === 'decidedAt' || field === 'actions' || field === 'present') continue;
      if (!same(was?.[field], now[field])) return forbidden(`a proposal put to a phone vote keeps its ${field.slice(0, 40)}`);
    }
  }
  // A phone vote's counts come only from the server closing it: not typed in, before, during or
  // after (an interrupted vote's too).
  if (now.method === 'phone' && !same(was?.counts, now.counts)) return forbidden('a phone vote’s counts are the server’s');
  if ((now.vote as { open?: boolean } | undefined)?.open === true && !same(was?.outcome, now.outcome)) {
    return forbidden('close the phone vote before recording an outcome');
  }
  return OK;
}

function nestedMap(map: Y.Map<unknown>, key: string): boolean {
  const v = map.get(key);
  return v === undefined || v instanceof Y.Map;
}
