/**
 * The speakers' stack, in the plenary document.
 *
 * Entries live in a Y.Map keyed by id (`stackEntries`); each is a Y.Map of fields. Nothing about the
 * order is stored except a stack-keeper's manual move: the order is computed from the kind, the
 * progressive-stack setting (from who has spoken in this assembly) and when the hand went up, so
 * every copy computes the same order and concurrent adds can never collide.
 *
 * Who is speaking is not a register either: an entry that has been called (`calledAt`) and has not
 * finished is speaking. If two keepers press "next" at once and call two different people, the one
 * called last (ties by id) speaks and the other simply stays at the top of the queue: nobody is
 * skipped and nobody speaks twice.
 */
import * as Y from 'yjs';
import { currentItemId } from './agenda.js';
import { newId } from './ids.js';
import { hasVisibleText } from './visible-text.js';
import { asMap, instant, readEach, text, within } from './shape.js';
import { resetTimer, startTimer } from './timers.js';
import { stamp } from './stamp.js';
import { CodedModelError } from './model-error.js';

/** What a hand can be raised for, in the order they jump the queue. */
export const ENTRY_KINDS = ['process', 'clarify', 'info', 'direct', 'speak'] as const;
/** A breakout table's report-back is also a turn on the stack, added when its round ends. */
export type EntryKind = (typeof ENTRY_KINDS)[number] | 'report';
const PRIORITY: Record<EntryKind, number> = { process: 0, clarify: 1, info: 1, direct: 2, speak: 3, report: 3 };
const KINDS: readonly EntryKind[] = [...ENTRY_KINDS, 'report'];

export const PROGRESSIVE = ['off', 'less-spoken', 'first-time'] as const;
export type Progressive = (typeof PROGRESSIVE)[number];

export type EntryStatus = 'waiting' | 'spoken' | 'withdrawn';

export interface StackEntry {
  id: string;
  name: string;
  kind: EntryKind;
  /** The agenda item the hand was raised in ('' before the agenda starts). */
  itemId: string;
  raisedAt: number;
  /**
   * For hands raised from a phone: a tag only the server can make, different for every entry (so
   * the room, which reads this document, cannot link one person's hands); '' for the keeper's.
   */
  owner: string;
  status: EntryStatus;
  calledAt: number | null;
  endedAt: number | null;
  /** Set when a stack-keeper moved the entry by hand: its place no longer follows the rules. */
  moved: boolean;
  /** A report-back's points, shown on the projector while that table speaks ('' otherwise). */
  text: string;
}

export interface StackSettings {
  progressive: Progressive;
  speakerSeconds: number;
  /** Keep names off the projector (the kind shows instead). */
  hideNames: boolean;
}

export interface StackView {
  itemId: string;
  closed: boolean;
  speaker: StackEntry | null;
  /** Waiting entries in the order they will be called. */
  queue: StackEntry[];
  settings: StackSettings;
}

export const MAX_NAME = 60;
export const DEFAULT_SPEAKER_SECONDS = 120;

/** A refusal the person can act on; `code` says which. */
export class StackError extends CodedModelError<'invalid' | 'closed' | 'duplicate' | 'not-found' | 'not-yours' | 'not-waiting'> {}

export const entriesMap = (doc: Y.Doc) => doc.getMap<unknown>('stackEntries');
export const stackMap = (doc: Y.Doc) => doc.getMap<unknown>('stack');

/** One person, however they typed it this time: trimmed, spaces collapsed, case-folded. */
export const nameKey = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

function readEntry(id: string, map: Y.Map<unknown>): StackEntry {
  const kind = map.get('kind') as EntryKind;
  const status = map.get('status');
  return {
    id,
    name: text(map.get('name'), 200),
    kind: KINDS.includes(kind) ? kind : 'speak',
    itemId: text(map.get('itemId'), 200),
    raisedAt: instant(map.get('raisedAt')) ?? 0,
    owner: text(map.get('owner'), 200),
    status: status === 'spoken' || status === 'withdrawn' ? status : 'waiting',
    calledAt: instant(map.get('calledAt')),
    endedAt: instant(map.get('endedAt')),
    moved: Array.isArray(map.get('movedKey')),
    text: text(map.get('text'), 4000),
  };
}

/** An entry's map, or null when there is none or it is not a map. */
export const entryMap = (doc: Y.Doc, id: string) => asMap(entriesMap(doc).get(id));

/** Every entry of every item (entries that are not maps are skipped). */
export function readEntries(doc: Y.Doc): StackEntry[] {
  return readEach(entriesMap(doc), readEntry);
}

export function readSettings(doc: Y.Doc): StackSettings {
  const map = stackMap(doc);
  const progressive = map.get('progressive') as Progressive;
  return {
    progressive: PROGRESSIVE.includes(progressive) ? progressive : 'off',
    speakerSeconds: within(map.get('speakerSeconds'), 1, 24 * 3600) ?? DEFAULT_SPEAKER_SECONDS,
    hideNames: map.get('hideNames') === true,
  };
}

const stackItem = (doc: Y.Doc) => currentItemId(doc) ?? '';
export const isClosed = (doc: Y.Doc, itemId: string) => stackMap(doc).get(`closed:${itemId}`) === true;

/** Times each person (by name) has spoken in this assembly, the current speaker included. */
function spokenCounts(entries: StackEntry[], speaker: StackEntry | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if ((e.status !== 'spoken' && e.id !== speaker?.id) || e.kind === 'report') continue;
    counts.set(nameKey(e.name), (counts.get(nameKey(e.name)) ?? 0) + 1);
  }
  return counts;
}

type Key = [number, number, number];

function compareKeys(a: Key, b: Key): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The speaker: the most recently called entry that is still speaking (ties by id). */
function speakerOf(entries: StackEntry[], itemId: string): StackEntry | null {
  let best: StackEntry | null = null;
  for (const e of entries) {
    if (e.itemId !== itemId || e.status !== 'waiting' || e.calledAt === null || e.endedAt !== null) continue;
    if (!best || e.calledAt > best.calledAt! || (e.calledAt === best.calledAt && e.id > best.id)) best = e;
  }
  return best;
}

/** The stack of the current agenda item as everyone sees it. */
export function readStack(doc: Y.Doc): StackView {
  const itemId = stackItem(doc);
  const entries = readEntries(doc);
  const speaker = speakerOf(entries, itemId);
  const settings = readSettings(doc);
  const counts = spokenCounts(entries, speaker);
  const keys = new Map<string, Key>();
  const queue = entries.filter((e) => e.itemId === itemId && e.status === 'waiting' && e.id !== speaker?.id);
  for (const e of queue) keys.set(e.id, keyOf(doc, e, settings.progressive, counts));
  queue.sort((a, b) => compareKeys(keys.get(a.id)!, keys.get(b.id)!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { itemId, closed: isClosed(doc, itemId), speaker, queue, settings };
}

function keyOf(doc: Y.Doc, e: StackEntry, progressive: Progressive, counts: Map<string, number>): Key {
  const moved = entryMap(doc, e.id)?.get('movedKey');
  if (Array.isArray(moved) && moved.length === 3 && moved.every((n) => Number.isFinite(n))) return moved as Key;
  let bucket = 0;
  if (e.kind === 'speak' && progressive !== 'off') {
    const spoken = counts.get(nameKey(e.name)) ?? 0;
    bucket = progressive === 'first-time' ? Math.min(spoken, 1) : spoken;
  }
  return [PRIORITY[e.kind], bucket, e.raisedAt];
}

function validName(name: string): string {
  const clean = name.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!hasVisibleText(clean)) throw new StackError('invalid', 'nameNeeded');
  if (clean.length > MAX_NAME) throw new StackError('invalid', 'nameLong', { max: MAX_NAME });
  return clean;
}

/** Makes an entry's owner tag for one phone: the same phone and entry id always give the same tag. */
export type OwnerTag = (entryId: string) => string;

/** The waiting entries a phone owns. */
export const ownedBy = (entries: StackEntry[], tag: OwnerTag) => entries.filter((e) => e.owner !== '' && e.owner === tag(e.id));

/**
 * Puts a hand up for the current agenda item, at server time `now`. A closed stack takes only
 * points of process. From a phone (`owner`), it may hold one open entry per kind.
 */
export function raiseHand(doc: Y.Doc, input: { name: string; kind: EntryKind; owner?: OwnerTag }, now: number): string {
  now = stamp(now);
  const name = validName(input.name);
  if (!(ENTRY_KINDS as readonly string[]).includes(input.kind)) throw new StackError('invalid', 'entryKind');
  const itemId = stackItem(doc);
  if (isClosed(doc, itemId) && input.kind !== 'process') throw new StackError('closed', 'stackClosed');
  if (input.owner) {
    // Cheap tests first: the owner tag is an HMAC, made only for the few entries that could clash.
    const candidates = readEntries(doc).filter((e) => e.kind === input.kind && e.itemId === itemId && e.status === 'waiting');
    const open = ownedBy(candidates, input.owner).length > 0;
    if (open) throw new StackError('duplicate', 'duplicateHand');
  }
  const id = newId();
  const owner = input.owner ? input.owner(id) : '';
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    entriesMap(doc).set(id, map);
    map.set('name', name);
    map.set('kind', input.kind);
    map.set('itemId', itemId);
    map.set('raisedAt', now);
    map.set('owner', owner);
    map.set('status', 'waiting');
  });
  return id;
}

/** Takes a waiting hand down. From a phone (`owner`), only its own entry. */
export function withdraw(doc: Y.Doc, id: string, owner?: OwnerTag): void {
  const map = entryMap(doc, id);
  if (!map) throw new StackError('not-found', 'entryMissing');
  const entry = readEntry(id, map);
  if (owner !== undefined && (entry.owner === '' || entry.owner !== owner(id))) throw new StackError('not-yours', 'notYours');
  if (entry.status !== 'waiting' || readStack(doc).speaker?.id === id) throw new StackError('not-waiting', 'notWaiting');
  doc.transact(() => map.set('status', 'withdrawn'));
}

/**
 * Ends the current turn (the speaker has spoken) without calling anyone: when the room moves on to
 * another agenda item, the last speaker of the item it leaves is counted as having spoken.
 */
export function endTurn(doc: Y.Doc, now: number): void {
  now = stamp(now);
  const speaker = readStack(doc).speaker;
  if (!speaker) return;
  const map = entryMap(doc, speaker.id);
  if (!map) return;
  doc.transact(() => {
    map.set('status', 'spoken');
    map.set('endedAt', now);
  });
}

/**
 * "Next speaker" at server time `now`: whoever is speaking has spoken, the first in the queue is
 * called and the speaker timer restarts. Returns the new speaker's id, or null if nobody waits.
 */
export function nextSpeaker(doc: Y.Doc, now: number): string | null {
  now = stamp(now);
  const view = readStack(doc);
  const next = view.queue[0] ?? null;
  doc.transact(() => {
    if (view.speaker) {
      const map = entryMap(doc, view.speaker.id);
      map?.set('status', 'spoken');
      map?.set('endedAt', now);
    }
    if (next) {
      entryMap(doc, next.id)?.set('calledAt', now);
      resetTimer(doc, 'speaker', view.settings.speakerSeconds * 1000);
      startTimer(doc, 'speaker', now);
    } else {
      resetTimer(doc, 'speaker', view.settings.speakerSeconds * 1000);
    }
  });
  return next?.id ?? null;
}

/**
 * Moves a waiting entry to `index` in the queue by hand. Its place is pinned just after its new
 * upper neighbour in the computed order, and it shows as moved.
 */
export function moveEntry(doc: Y.Doc, id: string, index: number): void {
  const view = readStack(doc);
  const entry = view.queue.find((e) => e.id === id);
  if (!entry) throw new StackError('not-waiting', 'notWaiting');
  const counts = spokenCounts(readEntries(doc), view.speaker);
  const others = view.queue.filter((e) => e.id !== id);
  const at = Math.max(0, Math.min(index, others.length));
  const key = (e: StackEntry) => keyOf(doc, e, view.settings.progressive, counts);
  const above = others[at - 1] ? key(others[at - 1]) : null;
  const below = others[at] ? key(others[at]) : null;
  let moved: Key;
  if (!above && !below) return;
  else if (!above) moved = [below![0], below![1], below![2] - 1];
  else if (!below) moved = [above[0], above[1], above[2] + 1];
  else if (above[0] === below[0] && above[1] === below[1]) moved = [above[0], above[1], (above[2] + below[2]) / 2];
  else moved = [above[0], above[1], above[2] + 0.5];
  doc.transact(() => entryMap(doc, id)?.set('movedKey', moved));
}

/**
 * Report-backs still waiting when the room leaves item `from` go with it to item `to`, where they
 * are heard (the stack is per item; issue 12, defect 1). Hands raised for `from` stay with it.
 */
export function carryReportBacks(doc: Y.Doc, from: string, to: string): void {
  doc.transact(() => {
    for (const e of readEntries(doc)) {
      if (e.kind !== 'report' || e.status !== 'waiting' || e.itemId !== from || e.calledAt !== null) continue;
      entryMap(doc, e.id)?.set('itemId', to);
    }
  });
}

/**
 * A table's report-back as a turn on the stack of the current item, at server time `now`; tables
 * keep their number order. Added by the server when a breakout round ends.
 */
export function addReportBack(doc: Y.Doc, report: { name: string; text: string; order: number }, now: number): string {
  now = stamp(now);
  const id = newId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    entriesMap(doc).set(id, map);
    // A table's name is its number and label (up to 100 characters): shortened, never refused, so
    // ending a round can never fail half-way through the tables.
    map.set('name', report.name.normalize('NFKC').trim().replace(/\s+/g, ' ').slice(0, MAX_NAME) || '?');
    map.set('kind', 'report');
    map.set('itemId', stackItem(doc));
    map.set('raisedAt', now + report.order);
    map.set('owner', '');
    map.set('status', 'waiting');
    map.set('text', report.text.slice(0, 2000));
  });
  return id;
}

export function setStackClosed(doc: Y.Doc, closed: boolean): void {
  const key = `closed:${stackItem(doc)}`;
  doc.transact(() => (closed ? stackMap(doc).set(key, true) : stackMap(doc).delete(key)));
}

export function setSettings(doc: Y.Doc, settings: Partial<StackSettings>): void {
  if (settings.progressive !== undefined && !PROGRESSIVE.includes(settings.progressive)) throw new StackError('invalid', 'progressive');
  if (
    settings.speakerSeconds !== undefined &&
    !(Number.isInteger(settings.speakerSeconds) && settings.speakerSeconds >= 10 && settings.speakerSeconds <= 3600)
  ) {
    throw new StackError('invalid', 'speakerTime', { min: 10, max: 3600 });
  }
  doc.transact(() => {
    for (const [k, v] of Object.entries(settings)) if (v !== undefined) stackMap(doc).set(k, v);
  });
}

export interface SpeakerHistory {
  name: string;
  times: number;
  totalMs: number;
}

/** How often and how long each name has spoken in this assembly, most first. */
export function history(doc: Y.Doc): SpeakerHistory[] {
  const byName = new Map<string, SpeakerHistory>();
  for (const e of readEntries(doc)) {
    if (e.status !== 'spoken' || e.calledAt === null || e.endedAt === null || e.kind === 'report') continue;
    const k = nameKey(e.name);
    const h = byName.get(k) ?? { name: e.name, times: 0, totalMs: 0 };
    h.times++;
    h.totalMs += Math.max(0, e.endedAt - e.calledAt);
    byName.set(k, h);
  }
  return [...byName.values()].sort((a, b) => b.times - a.times || b.totalMs - a.totalMs || a.name.localeCompare(b.name));
}

/** Every name seen in this assembly, for autocomplete (latest spelling, alphabetical). */
export function namesSeen(doc: Y.Doc): string[] {
  const byKey = new Map<string, StackEntry>();
  for (const e of readEntries(doc)) {
    if (e.kind === 'report') continue;
    const prev = byKey.get(nameKey(e.name));
    if (!prev || e.raisedAt > prev.raisedAt) byKey.set(nameKey(e.name), e);
  }
  return [...byKey.values()].map((e) => e.name).sort((a, b) => a.localeCompare(b));
}

/** A rough wait for the entry at `position` (0-based): the rest of the current turn plus full turns ahead. */
export function estimateWaitMs(view: StackView, position: number, speakerLeftMs: number): number {
  return Math.max(0, speakerLeftMs) + position * view.settings.speakerSeconds * 1000;
}
