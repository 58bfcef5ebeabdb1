/**
 * Reading proposals defensively (see shape.ts): a field of the wrong type or size reads as its
 * default, lists are bounded, and a proposal no reader foresaw is skipped.
 */
import * as Y from 'yjs';
import { asMap, finite, instant, isoDate, mapAt, readEach, record, text as cut, wholeWithin } from './shape.js';
import { DEFAULT_RULE, MAX_BLOCKS_ALLOWED, MAX_PEOPLE, QUORUMS, THRESHOLDS, type DecisionRule } from './decision-rule.js';
import {
  MAX_LIST,
  MAX_REVISIONS,
  MAX_TEXT,
  METHODS,
  OUTCOMES,
  proposalsMap,
  SCALES,
  scaleSize,
  type Method,
  type Outcome,
  type Proposal,
  type Revision,
  type Scale,
} from './proposal-shape.js';

/** A count: a whole number from 0 to a million (what `nonNegative` lets a facilitator write). */
function count(n: unknown): number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1_000_000 ? n : 0;
}

function listOf<T>(map: Y.Map<unknown>, key: string, read: (id: string, v: Record<string, unknown>) => T): T[] {
  const inner = mapAt(map, key);
  const out: T[] = [];
  if (!inner) return out;
  for (const [id, v] of inner.entries()) {
    if (out.length >= MAX_LIST) break;
    const fields = record(v);
    if (fields !== v) continue; // not a plain object: skipped
    out.push(read(id, fields));
  }
  return out;
}

/** `listOf`, oldest first (by `at`, then id), without the `at` it was sorted by. */
function listByTime<T extends { id: string; at: number }>(
  map: Y.Map<unknown>,
  key: string,
  read: (id: string, v: Record<string, unknown>) => T,
): Omit<T, 'at'>[] {
  return listOf(map, key, read)
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    .map(({ at: _at, ...rest }) => rest);
}

const str = (v: unknown, max = MAX_TEXT) => cut(v, max);

/** The proposal stored at `map`, every field defaulted and bounded. */
export function readProposal(id: string, map: Y.Map<unknown>): Proposal {
  const method = map.get('method') as Method;
  const scale = map.get('scale') as Scale;
  const outcome = map.get('outcome') as Outcome;
  const counts = record(map.get('counts'));
  const temperature = map.get('temperature');
  const vote = record(map.get('vote'));
  const safeScale = SCALES.includes(scale) ? scale : 'fist-to-five';
  return {
    id,
    itemId: str(map.get('itemId'), 200),
    text: str(map.get('text')),
    by: str(map.get('by'), 200),
    createdAt: instant(map.get('createdAt')) ?? 0,
    method: METHODS.includes(method) ? method : 'hands',
    amendments: listByTime(map, 'amendments', (aid, v) => ({
      id: aid,
      text: str(v.text),
      by: str(v.by, 200),
      accepted: typeof v.accepted === 'boolean' ? v.accepted : null,
      at: finite(v.at) ?? 0,
    })),
    counts: { for: count(counts.for), against: count(counts.against), abstain: count(counts.abstain) },
    blocks: count(map.get('blocks')),
    standAsides: count(map.get('standAsides')),
    scale: safeScale,
    // Sized by the scale (6 or 3), never by the stored array.
    temperature: Array.from({ length: scaleSize(safeScale) }, (_, i) => count(Array.isArray(temperature) ? temperature[i] : 0)),
    vote: {
      open: vote.open === true,
      cast: count(vote.cast),
      closed: vote.closed === true,
      ...(vote.interrupted === true ? { interrupted: true } : {}),
      ...(wholeWithin(vote.eligible, 0, MAX_PEOPLE) !== null ? { eligible: vote.eligible as number } : {}),
    },
    rule: readRule(map),
    present: wholeWithin(map.get('present'), 0, MAX_PEOPLE),
    revisions: readRevisions(map),
    outcome: OUTCOMES.includes(outcome) ? outcome : null,
    decidedAt: instant(map.get('decidedAt')),
    actions: listByTime(map, 'actions', (aid, v) => ({ id: aid, what: str(v.what, 600), who: str(v.who, 200), due: isoDate(v.due), at: finite(v.at) ?? 0 })),
  };
}

function readRule(map: Y.Map<unknown>): DecisionRule {
  const threshold = map.get('threshold') as DecisionRule['threshold'];
  const quorum = map.get('quorum') as DecisionRule['quorum'];
  return {
    threshold: THRESHOLDS.includes(threshold) ? threshold : DEFAULT_RULE.threshold,
    blocksAllowed: wholeWithin(map.get('blocksAllowed'), 0, MAX_BLOCKS_ALLOWED) ?? DEFAULT_RULE.blocksAllowed,
    quorum: QUORUMS.includes(quorum) ? quorum : DEFAULT_RULE.quorum,
    quorumMin: wholeWithin(map.get('quorumMin'), 1, MAX_PEOPLE) ?? DEFAULT_RULE.quorumMin,
    quorumPercent: wholeWithin(map.get('quorumPercent'), 1, 100) ?? DEFAULT_RULE.quorumPercent,
  };
}

/** Oldest first; read only as far as a writer may keep, whatever the document holds ([R3]). */
function readRevisions(map: Y.Map<unknown>): Revision[] {
  const list = listOf(map, 'revisions', (rid, v) => ({ id: rid, text: str(v.text), by: str(v.by, 200), at: finite(v.at) ?? 0 }));
  list.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  const cap = MAX_REVISIONS + 10;
  return list.length > cap ? [list[0], ...list.slice(-(cap - 1))] : list;
}

/** Every proposal, oldest first; with `itemId`, only that item's. */
export function readProposals(doc: Y.Doc, itemId?: string): Proposal[] {
  return readEach(proposalsMap(doc), readProposal)
    .filter((p) => itemId === undefined || p.itemId === itemId)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function getProposal(doc: Y.Doc, id: string): Proposal | null {
  const map = asMap(proposalsMap(doc).get(id));
  if (!map) return null;
  try {
    return readProposal(id, map);
  } catch {
    return null; // a shape no reader foresaw: as if there were no such proposal
  }
}
