/**
 * Proposals and decisions, in the plenary document (`proposals`, keyed by id): the text, who
 * brings it, amendments, how the room decides, the counts, the outcome, and the action items.
 *
 * A phone vote is secret: while it is open the document holds only how many have voted; the
 * tally is kept by the server (never who voted how) and written here when the vote closes.
 */
import * as Y from 'yjs';
import { newId } from './ids.js';
import { asMap, finite, instant, isoDate, mapAt, readEach, record, text as cut, wholeWithin } from './shape.js';
import { stamp } from './stamp.js';
import { ModelError, type ModelErrorParams, type ModelErrorReason } from './model-error.js';
import { runMap } from './agenda.js';
import { DEFAULT_RULE, MAX_BLOCKS_ALLOWED, MAX_PEOPLE, QUORUMS, THRESHOLDS, type DecisionRule } from './decision-rule.js';

export const METHODS = ['hands', 'consensus', 'temperature', 'phone'] as const;
export type Method = (typeof METHODS)[number];
export const OUTCOMES = ['carried', 'failed', 'withdrawn', 'tabled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const CHOICES = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];
/** Fist-to-five (0..5 fingers) or agree / unsure / disagree. */
export const SCALES = ['fist-to-five', 'agree-unsure-disagree'] as const;
export type Scale = (typeof SCALES)[number];

export type Tally = Record<Choice, number>;

export interface Amendment {
  id: string;
  text: string;
  by: string;
  /** null while undecided. */
  accepted: boolean | null;
}

/** A proposal's text before a change ([D5]): what it said, who changed it (as typed, or ''), when. */
export interface Revision {
  id: string;
  /** The text as it was before this change. */
  text: string;
  by: string;
  at: number;
}

export interface ActionItem {
  id: string;
  what: string;
  /** A name or a group. */
  who: string;
  /** A date as typed (YYYY-MM-DD), or ''. */
  due: string;
}

export interface Proposal {
  id: string;
  itemId: string;
  text: string;
  by: string;
  createdAt: number;
  method: Method;
  amendments: Amendment[];
  /** Hand count, or the phone vote's tally once closed. */
  counts: Tally;
  blocks: number;
  standAsides: number;
  scale: Scale;
  /** Temperature check: one count per point of the scale (6 for fist-to-five, 3 otherwise). */
  temperature: number[];
  /**
   * `interrupted`: the server restarted while it was open, so its ballots are void (ADR 014).
   * `eligible`: voting codes issued and not withdrawn when the server closed it (for the quorum).
   */
  vote: { open: boolean; cast: number; closed: boolean; interrupted?: boolean; eligible?: number };
  /** The threshold and quorum it is decided by ([D8]–[D11]). */
  rule: DecisionRule;
  /** How many are in the room, as a facilitator counted them for the quorum; null when not typed. */
  present: number | null;
  /** Earlier texts, oldest first (at most MAX_REVISIONS): the first is the original once edited. */
  revisions: Revision[];
  outcome: Outcome | null;
  decidedAt: number | null;
  actions: ActionItem[];
}

/** A refused proposal change: `code` for the HTTP status, `reason` and `params` for the page ([L30]). */
export class ProposalError extends ModelError {
  constructor(
    readonly code: 'invalid' | 'not-found' | 'state',
    reason: ModelErrorReason,
    params?: ModelErrorParams,
  ) {
    super(reason, params);
  }
}

export const MAX_TEXT = 2000;
export const proposalsMap = (doc: Y.Doc) => doc.getMap<unknown>('proposals');

const emptyTally = (): Tally => ({ for: 0, against: 0, abstain: 0 });
const scaleSize = (scale: Scale) => (scale === 'fist-to-five' ? 6 : 3);

/** A count: a whole number from 0 to a million (what `nonNegative` lets a facilitator write). */
function count(n: unknown): number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1_000_000 ? n : 0;
}

/** Amendments and action items read per proposal: a bound on work, far above any real one. */
export const MAX_LIST = 500;
/**
 * Earlier texts kept per proposal ([D5]): the original and the latest changes. Writers keep at most
 * this many; the server takes a few more (two facilitators editing at once each add one).
 */
export const MAX_REVISIONS = 50;

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

const str = (v: unknown, max = MAX_TEXT) => cut(v, max);

function readProposal(id: string, map: Y.Map<unknown>): Proposal {
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
    amendments: listOf(map, 'amendments', (aid, v) => ({
      id: aid,
      text: str(v.text),
      by: str(v.by, 200),
      accepted: typeof v.accepted === 'boolean' ? v.accepted : null,
      at: finite(v.at) ?? 0,
    }))
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
      .map(({ at: _at, ...a }) => a),
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
    actions: listOf(map, 'actions', (aid, v) => ({ id: aid, what: str(v.what, 600), who: str(v.who, 200), due: isoDate(v.due), at: finite(v.at) ?? 0 }))
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
      .map(({ at: _at, ...a }) => a),
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

/** Which text: its two refusals (empty, too long). */
type TextReasons = readonly [needed: ModelErrorReason, long: ModelErrorReason];
const PROPOSAL_TEXT: TextReasons = ['proposalNeeded', 'proposalLong'];

function text(value: string, [needed, long]: TextReasons, max = MAX_TEXT): string {
  const clean = value.trim();
  if (!clean) throw new ProposalError('invalid', needed);
  if (clean.length > max) throw new ProposalError('invalid', long, { max });
  return clean;
}

function optional(value: string | undefined, max = 100): string {
  const clean = (value ?? '').trim();
  if (clean.length > max) throw new ProposalError('invalid', 'nameFieldLong', { max });
  return clean;
}

function proposalMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = asMap(proposalsMap(doc).get(id));
  if (!map) throw new ProposalError('not-found', 'proposalMissing');
  return map;
}

/** A proposal's amendments or actions; a missing or mangled one is replaced by an empty map. */
function listMap(map: Y.Map<unknown>, key: 'amendments' | 'actions' | 'revisions'): Y.Map<unknown> {
  const inner = mapAt(map, key);
  if (inner) return inner;
  const fresh = new Y.Map<unknown>();
  map.set(key, fresh);
  return fresh;
}

export function addProposal(doc: Y.Doc, input: { itemId: string; text: string; by?: string; method?: Method }, now: number): string {
  now = stamp(now);
  const body = text(input.text, PROPOSAL_TEXT);
  const by = optional(input.by);
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
  if (changes.by !== undefined) clean.by = optional(changes.by);
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

/** What the room voted on by phone stays as it was voted (the server refuses changes: [F2]). */
function assertNotVoted(id: string, map: Y.Map<unknown>): void {
  const vote = readProposal(id, map).vote;
  if (vote.open || vote.closed) throw new ProposalError('state', 'putToPhoneVote');
}

export function addAmendment(doc: Y.Doc, id: string, input: { text: string; by?: string }, now: number): string {
  now = stamp(now);
  const map = proposalMap(doc, id);
  assertNotVoted(id, map);
  const amendment = { text: text(input.text, ['amendmentNeeded', 'amendmentLong']), by: optional(input.by), accepted: null, at: now };
  const aid = newId();
  doc.transact(() => listMap(map, 'amendments').set(aid, amendment));
  return aid;
}

export function decideAmendment(doc: Y.Doc, id: string, amendmentId: string, accepted: boolean | null): void {
  assertNotVoted(id, proposalMap(doc, id));
  const amendments = mapAt(proposalMap(doc, id), 'amendments');
  const current = amendments ? record(amendments.get(amendmentId)) : {};
  if (!amendments || !amendments.has(amendmentId)) throw new ProposalError('not-found', 'amendmentMissing');
  doc.transact(() => amendments.set(amendmentId, { ...current, accepted }));
}

/** A count typed by a facilitator; `_field` names it for a reader of the code. */
function nonNegative(n: number, _field: string): number {
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new ProposalError('invalid', 'count', { min: 0, max: 1_000_000 });
  return n;
}

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

/**
 * Whether a proposal's for / against / abstain counts are a result to show ([V13]): a hand count's
 * always (a facilitator typed it); a phone vote's only once the server closed the vote with its
 * tally. Counts under "phone" that no closed vote produced (an interrupted vote, a vote never
 * opened, a hostile writer's numbers) are no result, on the phones, the projector or the minutes.
 */
export function showsCounts(p: Proposal): boolean {
  return p.method === 'hands' || (p.method === 'phone' && p.vote.closed === true);
}

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

export function addAction(doc: Y.Doc, id: string, input: { what: string; who?: string; due?: string }, now: number): string {
  now = stamp(now);
  const map = proposalMap(doc, id);
  const due = (input.due ?? '').trim();
  if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new ProposalError('invalid', 'dueDate');
  const action = { what: text(input.what, ['actionNeeded', 'actionLong'], 300), who: optional(input.who), due, at: now };
  const aid = newId();
  doc.transact(() => listMap(map, 'actions').set(aid, action));
  return aid;
}

export function removeAction(doc: Y.Doc, id: string, actionId: string): void {
  const actions = mapAt(proposalMap(doc, id), 'actions');
  if (actions) doc.transact(() => actions.delete(actionId));
}

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
