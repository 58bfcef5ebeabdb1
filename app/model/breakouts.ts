/**
 * Breakout rounds, in the plenary document: which tables there are, what they discuss, for how
 * long, and who sits where. Each table's notes live in their own document
 * (`<assemblyId>/breakout/<groupId>`, see notes.ts).
 *
 * One round per agenda item (`breakoutRounds`, keyed by item id). A round's tables are numbered
 * 1..n with ids `<itemId>-t1`..`<itemId>-tn`: stable while the round is edited (a table keeps its
 * document and note-taker links), and new for another item's round (no notes carried over).
 * Where attendees sit (`members`) is keyed by a seat key only the server can make, different per
 * round, and holds no name: the room, which reads this document, learns how many sit where, not
 * who. Facilitators move people by moving a whole table (merging a small one into another).
 */
import * as Y from 'yjs';
import { currentItemId } from './agenda.js';
import { isId } from './ids.js';
import { addReportBack } from './stack.js';
import { asMap, instant, mapAt, readEach, strings, text, wholeWithin, within } from './shape.js';
import { stamp } from './stamp.js';
import { CodedModelError } from './model-error.js';

/** How people find their table; a facilitator can also move anyone by hand (`joinTable`). */
export const ASSIGNMENTS = ['count-off', 'topic', 'language'] as const;
export type Assignment = (typeof ASSIGNMENTS)[number];
export type RoundStatus = 'planned' | 'running' | 'ended';

export interface Table {
  id: string;
  number: number;
  /** The topic or the language of a self-selected table ('' for count-off tables). */
  label: string;
}

export interface Member {
  /** The seat key: opaque, made by the server from the phone's session and the round. */
  key: string;
  tableId: string;
}

export interface Round {
  itemId: string;
  prompts: string[];
  minutes: number;
  assignment: Assignment;
  tables: Table[];
  status: RoundStatus;
  /** Server time the round started and is due to end (extend moves `endsAt`). */
  startedAt: number | null;
  endsAt: number | null;
  /** The latest message to every table ("5 minutes left"), with when it was sent. */
  message: string;
  messageAt: number | null;
  members: Member[];
}

export interface RoundInput {
  prompts: string[];
  minutes: number;
  assignment: Assignment;
  /** One label per table (topic or language); for count-off only the count matters. */
  tables: { label: string }[];
}

export const MAX_TABLES = 100;
export const MAX_PROMPT = 300;
export const MAX_MESSAGE = 200;

/** A refused breakout change: `code` for the HTTP status, `reason` and `params` for the page ([L30]). */
export class BreakoutError extends CodedModelError<'invalid' | 'no-round' | 'no-table' | 'not-open' | 'state' | 'no-seat'> {}

export const roundsMap = (doc: Y.Doc) => doc.getMap<unknown>('breakoutRounds');
export const tableId = (itemId: string, number: number) => `${itemId}-t${number}`;

/** Seats read per round: a hall of thousands, with room to spare; a bound on work, not a rule. */
export const MAX_MEMBERS = 20_000;
/** Prompts read per round. */
export const MAX_PROMPTS = 20;

/**
 * A round as stored, read defensively: a table count that is not a whole number from 1 to
 * MAX_TABLES reads as no tables (it sizes an allocation: 20,000,000 once took the server down),
 * and every other field of the wrong type reads as its default.
 */
function roundFrom(itemId: string, map: Y.Map<unknown>): Round {
  const labels = strings(map.get('labels'), MAX_TABLES, 100);
  const count = wholeWithin(map.get('tableCount'), 1, MAX_TABLES) ?? 0;
  const tables: Table[] = Array.from({ length: count }, (_, i) => ({ id: tableId(itemId, i + 1), number: i + 1, label: labels[i] ?? '' }));
  const known = new Set(tables.map((t) => t.id));
  const members: Member[] = [];
  const membersMap = mapAt(map, 'members');
  if (membersMap) {
    for (const [key, table] of membersMap.entries()) {
      if (members.length >= MAX_MEMBERS) break;
      if (typeof table === 'string' && known.has(table)) members.push({ key, tableId: table });
    }
  }
  const status = map.get('status');
  const assignment = map.get('assignment') as Assignment;
  return {
    itemId,
    prompts: strings(map.get('prompts'), MAX_PROMPTS, MAX_PROMPT * 2),
    minutes: within(map.get('minutes'), 0, 24 * 60) ?? 0,
    assignment: ASSIGNMENTS.includes(assignment) ? assignment : 'count-off',
    tables,
    status: status === 'running' || status === 'ended' ? status : 'planned',
    startedAt: instant(map.get('startedAt')),
    endsAt: instant(map.get('endsAt')),
    message: text(map.get('message'), MAX_MESSAGE * 2),
    messageAt: instant(map.get('messageAt')),
    members,
  };
}

/** The round map of an item, or null when there is none or it is not a map. */
const roundAt = (doc: Y.Doc, itemId: string) => (isId(itemId) ? asMap(roundsMap(doc).get(itemId)) : null);

/** The round of agenda item `itemId` (default: the current item), or null. */
export function readRound(doc: Y.Doc, itemId: string | null = currentItemId(doc)): Round | null {
  if (!itemId) return null;
  const map = roundAt(doc, itemId);
  if (!map) return null;
  try {
    return roundFrom(itemId, map);
  } catch {
    return null; // a shape no reader foresaw: as if there were no round
  }
}

/** Every round that has run or is running, in no particular order (for the minutes). */
export function readRounds(doc: Y.Doc): Round[] {
  return readEach(roundsMap(doc), (itemId, map) => {
    if (!isId(itemId)) throw new Error('not an id'); // its tables could not name their documents
    return roundFrom(itemId, map);
  });
}

function validate(input: RoundInput): RoundInput {
  const prompts = input.prompts.map((p) => p.trim()).filter(Boolean);
  if (prompts.some((p) => p.length > MAX_PROMPT)) throw new BreakoutError('invalid', 'promptLong', { max: MAX_PROMPT });
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > 240) throw new BreakoutError('invalid', 'roundMinutes', { min: 1, max: 240 });
  if (!ASSIGNMENTS.includes(input.assignment)) throw new BreakoutError('invalid', 'assignment');
  if (input.tables.length < 1 || input.tables.length > MAX_TABLES) throw new BreakoutError('invalid', 'tableCount', { min: 1, max: MAX_TABLES });
  const labels = input.tables.map((t) => t.label.trim());
  if (labels.some((l) => l.length > 100)) throw new BreakoutError('invalid', 'tableLabelLong', { max: 100 });
  if ((input.assignment === 'topic' || input.assignment === 'language') && labels.some((l) => !l)) {
    throw new BreakoutError('invalid', 'tableLabelNeeded');
  }
  return { ...input, prompts, tables: labels.map((label) => ({ label })) };
}

/** Tables for a room of `people` in groups of about `size`: at least one. */
export function tablesFor(people: number, size: number): number {
  if (!(people > 0 && size > 0)) return 1;
  return Math.max(1, Math.min(MAX_TABLES, Math.round(people / size)));
}

/** How a table is named on the stack and the projector: its number, and its topic or language. */
export const tableName = (t: Table) => (t.label ? `${t.number} · ${t.label}` : String(t.number));

/** Sets up (or edits, while not started) the round of item `itemId`. */
export function planRound(doc: Y.Doc, itemId: string, input: RoundInput): void {
  const clean = validate(input);
  const existing = roundAt(doc, itemId);
  if (existing && existing.get('status') === 'running') {
    // A running round keeps its tables (people are sitting at them); prompts may change.
    if (clean.tables.length !== existing.get('tableCount')) throw new BreakoutError('state', 'tablesFixed');
  }
  doc.transact(() => {
    let map = existing;
    if (!map) {
      map = new Y.Map<unknown>();
      roundsMap(doc).set(itemId, map);
      map.set('members', new Y.Map());
      map.set('status', 'planned');
    }
    if (!mapAt(map, 'members')) map.set('members', new Y.Map());
    map.set('prompts', clean.prompts);
    map.set('minutes', clean.minutes);
    map.set('assignment', clean.assignment);
    map.set('tableCount', clean.tables.length);
    map.set(
      'labels',
      clean.tables.map((t) => t.label),
    );
  });
}

function roundMap(doc: Y.Doc, itemId: string): Y.Map<unknown> {
  const map = roundAt(doc, itemId);
  if (!map) throw new BreakoutError('no-round', 'noRound');
  return map;
}

/** The round's seats; a missing or mangled one is replaced by an empty map (within the caller's transaction). */
function membersOf(map: Y.Map<unknown>): Y.Map<unknown> {
  const members = mapAt(map, 'members');
  if (members) return members;
  const fresh = new Y.Map<unknown>();
  map.set('members', fresh);
  return fresh;
}

export function startRound(doc: Y.Doc, itemId: string, now: number): void {
  now = stamp(now);
  const map = roundMap(doc, itemId);
  if (map.get('status') === 'running') return;
  doc.transact(() => {
    map.set('status', 'running');
    map.set('startedAt', now);
    map.set('endsAt', now + roundFrom(itemId, map).minutes * 60_000);
  });
}

/** Adds minutes to a running round's end. */
export function extendRound(doc: Y.Doc, itemId: string, minutes: number): void {
  const map = roundMap(doc, itemId);
  if (map.get('status') !== 'running') throw new BreakoutError('state', 'extendNotRunning');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) throw new BreakoutError('invalid', 'extendMinutes', { min: 1, max: 60 });
  const endsAt = instant(map.get('endsAt'));
  if (endsAt === null) throw new BreakoutError('state', 'noEndTime');
  doc.transact(() => map.set('endsAt', endsAt + minutes * 60_000));
}

/** A message shown at every table and on the projector ("5 minutes left"). */
export function broadcast(doc: Y.Doc, itemId: string, message: string, now: number): void {
  now = stamp(now);
  const map = roundMap(doc, itemId);
  const clean = message.trim();
  if (!clean || clean.length > MAX_MESSAGE) throw new BreakoutError('invalid', 'messageLength', { min: 1, max: MAX_MESSAGE });
  doc.transact(() => {
    map.set('message', clean);
    map.set('messageAt', now);
  });
}

/** Ends the round at `now` (report-backs are added to the stack by `endRoundWithReports`). */
export function endRound(doc: Y.Doc, itemId: string, now: number): void {
  now = stamp(now);
  const map = roundMap(doc, itemId);
  if (map.get('status') !== 'running') throw new BreakoutError('state', 'roundNotRunning');
  doc.transact(() => {
    map.set('status', 'ended');
    map.set('endsAt', now);
  });
}

/** Seats one phone (by its seat key for this round) at a table; choosing again moves it. */
export function joinTable(doc: Y.Doc, itemId: string, seatKey: string, table: string): void {
  const map = roundMap(doc, itemId);
  const round = roundFrom(itemId, map);
  if (round.status === 'ended') throw new BreakoutError('not-open', 'roundEnded');
  if (!round.tables.some((t) => t.id === table)) throw new BreakoutError('no-table', 'noTable');
  doc.transact(() => membersOf(map).set(seatKey, table));
}

/** A facilitator's move: everyone at table `from` goes to table `to` (a small table merged). */
export function moveTable(doc: Y.Doc, itemId: string, from: string, to: string): number {
  const map = roundMap(doc, itemId);
  const round = roundFrom(itemId, map);
  if (round.status === 'ended') throw new BreakoutError('not-open', 'roundEnded');
  if (!round.tables.some((t) => t.id === to) || !round.tables.some((t) => t.id === from)) throw new BreakoutError('no-table', 'noTable');
  const moving = round.members.filter((m) => m.tableId === from);
  doc.transact(() => {
    const members = membersOf(map);
    for (const m of moving) members.set(m.key, to);
  });
  return moving.length;
}

/**
 * A facilitator's move of one person: the seat `seatKey` of item `itemId`'s round goes to table
 * number `table` (1..n). Only a seat that is in this round moves ([BR10]): a seat key is per
 * round, so a click aimed at another round's seat, or at a phone that has left, changes nothing
 * and says so. Returns false when the seat already sits there.
 */
export function moveSeat(doc: Y.Doc, itemId: string, seatKey: string, table: number): boolean {
  const map = roundMap(doc, itemId);
  const round = roundFrom(itemId, map);
  if (round.status === 'ended') throw new BreakoutError('not-open', 'roundEnded');
  const to = round.tables.find((t) => t.number === table);
  if (!to) throw new BreakoutError('no-table', 'noTable');
  const seat = round.members.find((m) => m.key === seatKey);
  if (!seat) throw new BreakoutError('no-seat', 'noSeat');
  if (seat.tableId === to.id) return false;
  doc.transact(() => membersOf(map).set(seatKey, to.id));
  return true;
}

/** The short code a phone shows under its table, so a facilitator can find that one seat ([BR10]). */
export const seatCode = (seatKey: string) =>
  seatKey
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 4)
    .toUpperCase();

export const tableOf = (round: Round, seatKey: string): Table | null => {
  const m = round.members.find((x) => x.key === seatKey);
  return m ? (round.tables.find((t) => t.id === m.tableId) ?? null) : null;
};

/**
 * Ends the round and puts each table's report-back on the stack, in table order (tables with
 * nothing written are left off). `reports` maps table id to the report-back's text.
 */
export function endRoundWithReports(doc: Y.Doc, itemId: string, reports: Map<string, string>, tableName: (t: Table) => string, now: number): void {
  now = stamp(now);
  const round = readRound(doc, itemId);
  if (!round) throw new BreakoutError('no-round', 'noRound');
  doc.transact(() => {
    endRound(doc, itemId, now);
    for (const table of round.tables) {
      const text = reports.get(table.id)?.trim();
      if (text) addReportBack(doc, { name: tableName(table), text, order: table.number }, now);
    }
  });
}
