/**
 * Field-level write rights: what each role may change inside a document it may write
 * (docs/SPEC.md [F1]–[F6], ADR 015). `accessTo` says whether a link may write a document at all;
 * this says which parts of it, and what shape and size a written part must have.
 *
 * The sync server applies an incoming update to a scratch copy of the document first, lists the
 * entries it touched (a top-level map key, or an entry of a top-level map), and asks `checkWrite`
 * with the entry as it was (`before`) and as it would be (`after`). Only an allowed, well-formed
 * change reaches the live document, storage and the room. Results the server computes (phone vote
 * tallies, the cast count, a vote's open/closed state, report-backs on the stack, who sits at which
 * table) are never writable by a client, facilitators included.
 */
import * as Y from 'yjs';
import { z } from 'zod';
import type { Grant } from './permissions.js';
import type { DocName } from '../sync/doc-name.js';
import { ITEM_KINDS } from '../../app/model/agenda.js';
import { isId } from '../../app/model/ids.js';
import { ENTRY_KINDS, MAX_NAME, PROGRESSIVE } from '../../app/model/stack.js';
import { ASSIGNMENTS, MAX_MESSAGE, MAX_PROMPT, MAX_TABLES } from '../../app/model/breakouts.js';
import { MAX_REVISIONS, MAX_TEXT, METHODS, OUTCOMES, SCALES } from '../../app/model/proposal-shape.js';
import { MAX_BLOCKS_ALLOWED, MAX_PEOPLE, QUORUMS, THRESHOLDS } from '../../app/model/decision-rule.js';
import { MAX_ANNOUNCEMENT } from '../../app/model/run.js';
import { isListedTimeZone, MAX_TIME_ZONE } from '../../app/model/time-zone.js';
import { NOTES_FIELD, REPORT_FIELD } from '../../app/model/notes.js';
import { LANGUAGE_CODE, MAX_SCREEN_LANGUAGES } from '../../app/model/screen-languages.js';

/** One part of a document an update changed: a top-level type and, for maps, the entry's key. */
export interface Touched {
  root: string;
  /** The key in the top-level map; null when the change is not keyed (text, XML, arrays). */
  key: string | null;
}

/**
 * `missing`: the update builds on changes the server does not have yet (a reconnecting client's
 * edit can arrive just before the offline edits it builds on); it cannot be judged until they come.
 */
export type WriteVerdict = { ok: true } | { ok: false; code: 'forbidden' | 'invalid' | 'missing'; reason: string };

const OK: WriteVerdict = { ok: true };
const forbidden = (reason: string): WriteVerdict => ({ ok: false, code: 'forbidden', reason });
const invalid = (reason: string): WriteVerdict => ({ ok: false, code: 'invalid', reason });

/** Deepest nesting of shared types a writer may create: plenary entries are at most 3 deep. */
export const MAX_TYPE_DEPTH: Record<DocName['kind'], number> = { plenary: 4, notes: 48, breakout: 48, translations: 1 };

/** The top-level types a notes document may have (TipTap's rich text, see app/model/notes.ts). */
const NOTES_ROOTS = new Set([NOTES_FIELD, REPORT_FIELD]);

// ---- shapes ---------------------------------------------------------------------------------

const id = z.string().refine(isId, 'not an id');
/** A server-time instant in ms. Older clients wrote fractional ones: tolerated, bounded. */
const instant = z.number().finite().min(0).max(1e14);
const count = z.number().int().min(0).max(1_000_000);
const text = (max: number) => z.string().max(max);

const agendaItem = z
  .object({
    title: text(200),
    kind: z.enum(ITEM_KINDS),
    minutes: z
      .number()
      .finite()
      .min(0)
      .max(24 * 60),
    presenter: text(200),
    description: text(5000),
    interpretation: text(500),
    position: z.number().finite(),
    status: z.enum(['pending', 'done', 'skipped']),
    startedAt: instant.nullable(),
    endedAt: instant.nullable(),
    usedMs: z.number().finite().min(0).max(1e10),
  })
  .partial()
  .strict();

const timer = z
  .object({
    durationMs: z
      .number()
      .finite()
      .min(0)
      .max(7 * 24 * 3600_000),
    startedAt: instant.nullable(),
    elapsedMs: z.number().finite().min(0).max(1e10),
  })
  .partial()
  .strict();

const stackEntry = z
  .object({
    name: text(MAX_NAME),
    kind: z.enum([...ENTRY_KINDS, 'report']),
    itemId: z.string().max(64),
    raisedAt: instant,
    owner: text(128),
    status: z.enum(['waiting', 'spoken', 'withdrawn']),
    calledAt: instant.nullable(),
    endedAt: instant.nullable(),
    movedKey: z.array(z.number().finite()).length(3),
    text: text(2000),
  })
  .partial()
  .strict();

const round = z
  .object({
    prompts: z.array(text(MAX_PROMPT)).max(20),
    minutes: z.number().int().min(1).max(240),
    assignment: z.enum(ASSIGNMENTS),
    tableCount: z.number().int().min(1).max(MAX_TABLES),
    labels: z.array(text(100)).max(MAX_TABLES),
    status: z.enum(['planned', 'running', 'ended']),
    startedAt: instant.nullable(),
    endsAt: instant.nullable(),
    message: text(MAX_MESSAGE),
    messageAt: instant.nullable(),
    members: z.record(z.string().max(128), z.string().max(80)),
  })
  .partial()
  .strict();

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

/** Top-level keys of the plain maps, each with its own value shape. */
const meta: Record<string, z.ZodTypeAny> = {
  title: text(200),
  startsAt: z.string().max(64).nullable(),
  place: z.string().max(200).nullable(),
  languages: z.array(z.string().max(35)).max(50),
  // The assembly's time zone ([L33]): one of the zones the server lists; null = the server's own.
  timeZone: z.string().max(MAX_TIME_ZONE).refine(isListedTimeZone, 'not a time zone').nullable(),
  // The projector's one or two label languages ([L50]); clearing the choice deletes the field.
  screenLanguages: z
    .array(z.string().max(35).regex(LANGUAGE_CODE))
    .min(1)
    .max(MAX_SCREEN_LANGUAGES)
    .refine((codes) => new Set(codes).size === codes.length, 'distinct languages'),
};
// `shownProposalId`: the proposal a facilitator chose for the projector and the phones ([D13]).
const run: Record<string, z.ZodTypeAny> = { currentItemId: id, announcement: text(MAX_ANNOUNCEMENT), shownProposalId: id };
const stackSettings = (key: string): z.ZodTypeAny | null => {
  if (key.startsWith('closed:') && key.length <= 7 + 64) return z.literal(true);
  const shapes: Record<string, z.ZodTypeAny> = {
    progressive: z.enum(PROGRESSIVE),
    speakerSeconds: z
      .number()
      .finite()
      .min(1)
      .max(24 * 3600),
    hideNames: z.boolean(),
  };
  return shapes[key] ?? null;
};

// ---- who may touch what ---------------------------------------------------------------------

type Rule = (key: string, before: unknown, after: unknown, role: Grant['role']) => WriteVerdict;

/** Which roles may write each top-level part of the plenary document, and how. */
const PLENARY: Record<string, { roles: Grant['role'][]; rule: Rule }> = {
  meta: { roles: ['facilitator'], rule: (key, _b, after) => plainValue(meta[key], key, after) },
  run: { roles: ['facilitator'], rule: (key, _b, after) => plainValue(run[key], key, after) },
  stack: { roles: ['facilitator', 'stack-keeper'], rule: (key, _b, after) => plainValue(stackSettings(key), key, after) },
  timers: {
    roles: ['facilitator', 'stack-keeper'],
    rule: (key, _b, after, role) => {
      if (key !== 'item' && key !== 'speaker') return invalid(`no timer ${key}`);
      if (key === 'item' && role !== 'facilitator') return forbidden('only facilitators run the item timer');
      return mapEntry(timer, `timers.${key}`, after);
    },
  },
  agendaItems: { roles: ['facilitator'], rule: (key, _b, after) => idKey(key) ?? mapEntry(agendaItem, 'an agenda item', after) },
  stackEntries: { roles: ['facilitator', 'stack-keeper'], rule: (key, before, after) => idKey(key) ?? stackEntryRule(before, after) },
  breakoutRounds: { roles: ['facilitator'], rule: (key, before, after) => idKey(key) ?? roundRule(before, after) },
  proposals: { roles: ['facilitator'], rule: (key, before, after) => idKey(key) ?? proposalRule(before, after) },
};

/** The top-level maps of the plenary document (everything else is refused). */
export const PLENARY_ROOTS: readonly string[] = Object.keys(PLENARY);

function idKey(key: string): WriteVerdict | null {
  return isId(key) ? null : invalid(`not an id: ${key.slice(0, 40)}`);
}

function issue(what: string, err: z.ZodError): WriteVerdict {
  const first = err.issues[0];
  return invalid(`${what}: ${first.path.join('.')} ${first.message}`.trim());
}

function plainValue(shape: z.ZodTypeAny | null | undefined, key: string, after: unknown): WriteVerdict {
  if (!shape) return invalid(`unknown field ${key.slice(0, 40)}`);
  if (after === undefined) return OK; // a field removed
  if (after instanceof Y.AbstractType) return invalid(`${key} is a plain value`);
  const parsed = shape.safeParse(after);
  return parsed.success ? OK : issue(key, parsed.error);
}

function mapEntry(shape: z.ZodTypeAny, what: string, after: unknown): WriteVerdict {
  if (after === undefined) return OK;
  if (!(after instanceof Y.Map)) return invalid(`${what} is a map`);
  const parsed = shape.safeParse(after.toJSON());
  return parsed.success ? OK : issue(what, parsed.error);
}

const json = (v: unknown): Record<string, unknown> | undefined => (v instanceof Y.Map ? (v.toJSON() as Record<string, unknown>) : undefined);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Keepers add, call, move and withdraw turns; phones' hands and report-backs come from the server. */
function stackEntryRule(before: unknown, after: unknown): WriteVerdict {
  const shape = mapEntry(stackEntry, 'a stack entry', after);
  if (!shape.ok) return shape;
  const was = json(before);
  const now = json(after);
  if (!was && now) {
    if ((now.owner ?? '') !== '') return forbidden('only the server tags a phone’s hand');
    if (now.kind === 'report' || (now.text ?? '') !== '') return forbidden('report-backs are placed by the server');
    return OK;
  }
  if (was && !now) {
    if ((was.owner ?? '') !== '' || was.kind === 'report') return forbidden('a phone’s hand or a report-back is withdrawn, not deleted');
    return OK;
  }
  for (const field of ['owner', 'kind', 'text', 'name', 'raisedAt'] as const) {
    if (!same(was?.[field], now?.[field])) return forbidden(`a stack entry’s ${field} does not change`);
  }
  return OK;
}

/** Facilitators plan, start, extend and message a round; the server ends it, seats and moves people. */
function roundRule(before: unknown, after: unknown): WriteVerdict {
  const shape = mapEntry(round, 'a breakout round', after);
  if (!shape.ok) return shape;
  const now = json(after);
  const was = json(before);
  // Deleting a round deletes its seats: every phone at a table would lose it at once ([BR9]).
  // No console deletes a round; one nobody sits in may still go.
  if (!now) return Object.keys((was?.members ?? {}) as object).length > 0 ? forbidden('the server seats and unseats phones') : OK;
  const members = (after as Y.Map<unknown>).get('members');
  if (members !== undefined && !(members instanceof Y.Map)) return invalid('members is a map');
  if (now.status === 'ended' && was?.status !== 'ended') return forbidden('the server ends a round (it places the report-backs)');
  const seatsBefore = (was?.members ?? {}) as Record<string, string>;
  const seatsAfter = (now.members ?? {}) as Record<string, string>;
  // Seats are the server's alone ([BR9]): phones choose by command, facilitators move people by
  // command. A console moving seats from its own copy could rewrite a seat the server had just
  // changed, and be refused and disconnected for it.
  for (const [seat, table] of Object.entries(seatsAfter)) {
    if (seatsBefore[seat] === table) continue;
    return forbidden(seat in seatsBefore ? 'the server moves people between tables' : 'only the server seats a phone');
  }
  for (const seat of Object.keys(seatsBefore)) if (!(seat in seatsAfter)) return forbidden('the server seats and unseats phones');
  return OK;
}

/** Facilitators write proposals; a phone vote's state and result are the server's. */
function proposalRule(before: unknown, after: unknown): WriteVerdict {
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

// ---- where shared types and list content may be -------------------------------------------

/** Top-level maps whose entries are maps, and the fields of those entries that are maps too. */
const ENTRY_MAPS = new Set(['agendaItems', 'stackEntries', 'breakoutRounds', 'proposals', 'timers']);
const FIELD_MAPS = new Set(['proposals.amendments', 'proposals.actions', 'proposals.revisions', 'breakoutRounds.members']);

/** Where a new struct sits: its parent's top-level type, depth (root = 0) and entry key. */
export interface Placement {
  root: string;
  depth: number;
  key: string | null;
}

/**
 * Whether a new item may sit where it does ([F3], [F4]): in the plenary document only maps nest,
 * only where the model keeps a map, and no map holds list content (which `toJSON` would hide from
 * the shape check); in a notes document a fragment or element holds only elements and text, and
 * attributes and text hold no shared types (TipTap's editor crashes on anything else). Returns the
 * reason it may not, or null.
 */
export function misplaced(doc: DocName, item: Y.Item, parent: Placement): string | null {
  const type = item.content instanceof Y.ContentType ? item.content.type : null;
  if (doc.kind === 'plenary') {
    if (item.parentSub === null) return 'the plenary document holds no lists';
    if (!type) {
      // A map value is one plain value: several (or a string run) would hide all but the last
      // from the shape check while still being stored and sent.
      const c = item.content;
      if (c instanceof Y.ContentDeleted) return null;
      return c instanceof Y.ContentAny && c.getLength() === 1 ? null : 'a field holds one plain value';
    }
    if (!(type instanceof Y.Map) || type.constructor !== Y.Map) return 'only maps nest in the plenary document';
    if (parent.depth === 0) return ENTRY_MAPS.has(parent.root) ? null : `${parent.root.slice(0, 40)} holds plain values`;
    if (parent.depth === 1 && FIELD_MAPS.has(`${parent.root}.${item.parentSub}`)) return null;
    return `${parent.root.slice(0, 40)}.${String(item.parentSub).slice(0, 40)} is a plain value`;
  }
  const host = item.parent as Y.AbstractType<unknown>;
  const isText = host instanceof Y.XmlText;
  const isElement = !isText && (parent.depth === 0 || host instanceof Y.XmlElement || host.constructor === Y.XmlFragment);
  if (item.parentSub !== null) {
    if (parent.depth === 0) return `${parent.root.slice(0, 40)} is rich text`;
    if (!(host instanceof Y.XmlElement) && !isText) return 'attributes belong to elements and text';
    return type ? 'an attribute is a plain value' : null;
  }
  if (isText) {
    // The editor writes characters and formatting into text; anything else would count toward
    // its length without showing, and break other people's editors.
    const c = item.content;
    return c instanceof Y.ContentString || c instanceof Y.ContentFormat || c instanceof Y.ContentDeleted ? null : 'text holds characters and formatting only';
  }
  if (!isElement) return 'rich text holds only elements and text';
  if (item.content instanceof Y.ContentDeleted) return null;
  // The editor reads every top-level child as an element (text there crashed it for the table).
  if (parent.depth === 0) return type instanceof Y.XmlElement ? null : 'the top of rich text holds only elements';
  if (type instanceof Y.XmlElement || type instanceof Y.XmlText) return null;
  return 'an element holds only elements and text';
}

// ---- the check ------------------------------------------------------------------------------

/** The entry `key` of the top-level map `root` (one of PLENARY_ROOTS) of `doc`. */
function entryOf(doc: Y.Doc, root: string, key: string): unknown {
  return doc.getMap(root).get(key);
}

/**
 * May `grant` make the change that turned `before` into `after`? `touched` lists what changed;
 * `before` is the live document, `after` the scratch copy with the update applied.
 */
export function checkWrite(grant: Grant, doc: DocName, touched: Touched[], before: Y.Doc, after: Y.Doc): WriteVerdict {
  // No link writes translations over the socket: interpreters send commands ([P30], ADR 025).
  if (doc.kind === 'translations') return forbidden('translations are written by the server');
  if (doc.kind !== 'plenary') {
    for (const t of touched) {
      if (!NOTES_ROOTS.has(t.root)) return invalid(`a notes document holds only ${[...NOTES_ROOTS].join(' and ')}`);
      if (t.key !== null) return invalid(`${t.root} is rich text`);
    }
    return OK;
  }
  for (const t of touched) {
    const part = PLENARY[t.root];
    if (!part) return invalid(`the plenary document has no ${t.root.slice(0, 40)}`);
    if (!part.roles.includes(grant.role)) return forbidden(`a ${grant.role} link does not change ${t.root}`);
    if (t.key === null) return invalid(`${t.root} is a map`);
    const verdict = part.rule(t.key, entryOf(before, t.root, t.key), entryOf(after, t.root, t.key), grant.role);
    if (!verdict.ok) return verdict;
  }
  return OK;
}
