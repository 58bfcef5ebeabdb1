/**
 * The agenda in the plenary document. Items live in a Y.Map keyed by id (`agendaItems`), each a
 * Y.Map of fields, so two facilitators editing different fields of one item both keep their edit.
 * Order is a fractional `position` per item: moving an item rewrites one number, so concurrent
 * moves can never duplicate or drop an item (the last move wins), and sorting by (position, id)
 * gives every copy the same order.
 */
import * as Y from 'yjs';
import { isId, newId } from './ids.js';
import { hasVisibleText } from './visible-text.js';
import { asMap, finite, instant, MAX_INSTANT, readEach, text, within } from './shape.js';
import { stamp } from './stamp.js';
import { ModelError } from './model-error.js';

export const ITEM_KINDS = ['welcome', 'report', 'discussion', 'breakout', 'proposal', 'break', 'closing'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export type ItemStatus = 'pending' | 'done' | 'skipped';

export interface AgendaItemInput {
  title: string;
  kind: ItemKind;
  /** Planned length in minutes. */
  minutes: number;
  presenter?: string;
  description?: string;
  /** Which languages are interpreted during this item, as free text ("Spanish ch. 2, Somali ch. 3"). */
  interpretation?: string;
}

export interface AgendaItem extends Required<AgendaItemInput> {
  id: string;
  position: number;
  status: ItemStatus;
  /** Server time the item's latest run started (ms); null until it first starts. */
  startedAt: number | null;
  /** Server time its latest run ended; null while it is current or never ran. */
  endedAt: number | null;
  /** Time used in runs that have ended (an item the room came back to has more than one run). */
  usedMs: number;
}

const ITEMS = 'agendaItems';
const RUN = 'run';

export const itemsMap = (doc: Y.Doc) => doc.getMap<unknown>(ITEMS);
export const runMap = (doc: Y.Doc) => doc.getMap<unknown>(RUN);

/** The most agenda items read (far more than any assembly has); a bound on work, not a rule. */
export const MAX_AGENDA_ITEMS = 500;

function readItem(id: string, map: Y.Map<unknown>): AgendaItem {
  const kind = map.get('kind');
  const status = map.get('status');
  return {
    id,
    title: text(map.get('title'), 1000),
    kind: ITEM_KINDS.includes(kind as ItemKind) ? (kind as ItemKind) : 'discussion',
    minutes: within(map.get('minutes'), 0, 24 * 60) ?? 0,
    presenter: text(map.get('presenter'), 1000),
    description: text(map.get('description')),
    interpretation: text(map.get('interpretation'), 1000),
    position: finite(map.get('position')) ?? 0,
    status: status === 'done' || status === 'skipped' ? status : 'pending',
    startedAt: instant(map.get('startedAt')),
    endedAt: instant(map.get('endedAt')),
    usedMs: within(map.get('usedMs'), 0, MAX_INSTANT) ?? 0,
  };
}

/** An item's map, or null when there is none or it is not a map (never written by the UI). */
const itemMap = (doc: Y.Doc, id: string) => (isId(id) ? asMap(itemsMap(doc).get(id)) : null);

/** The agenda in order (entries that are not items are skipped). */
export function readAgenda(doc: Y.Doc): AgendaItem[] {
  // An id that cannot name its notes document was not made by Plenary: skipped with the rest.
  const items = readEach(itemsMap(doc), (id, map) => {
    if (!isId(id)) throw new Error('not an id');
    return readItem(id, map);
  });
  items.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return items.length > MAX_AGENDA_ITEMS ? items.slice(0, MAX_AGENDA_ITEMS) : items;
}

function validate(input: Partial<AgendaItemInput>): void {
  if (input.title !== undefined && !hasVisibleText(input.title)) throw new ModelError('itemTitleNeeded');
  if (input.title !== undefined && input.title.trim().length > 200) throw new ModelError('itemTitleLong', { max: 200 });
  if (input.minutes !== undefined && (!Number.isFinite(input.minutes) || input.minutes < 0 || input.minutes > 24 * 60)) {
    throw new ModelError('itemMinutes', { min: 0, max: 24 * 60 });
  }
  if (input.kind !== undefined && !ITEM_KINDS.includes(input.kind)) throw new ModelError('itemKind');
}

/** A position between two neighbours (either may be missing: start or end of the list). */
function between(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

function setFields(map: Y.Map<unknown>, input: Partial<AgendaItemInput>): void {
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    map.set(k, typeof v === 'string' ? v.trim() : v);
  }
}

/** Adds an item at `index` (default: the end). Returns its id. */
export function addItem(doc: Y.Doc, input: AgendaItemInput, index?: number): string {
  validate(input);
  const agenda = readAgenda(doc);
  const at = index === undefined ? agenda.length : Math.max(0, Math.min(index, agenda.length));
  const id = newId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    itemsMap(doc).set(id, map);
    setFields(map, { presenter: '', description: '', interpretation: '', ...input });
    map.set('status', 'pending');
    map.set('position', between(agenda[at - 1]?.position, agenda[at]?.position));
  });
  return id;
}

/** Changes some fields of an item; only the fields given are written. */
export function editItem(doc: Y.Doc, id: string, changes: Partial<AgendaItemInput>): void {
  validate(changes);
  const map = itemMap(doc, id);
  if (!map) throw new ModelError('itemMissing');
  doc.transact(() => setFields(map, changes));
}

export function removeItem(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    itemsMap(doc).delete(id);
    if (runMap(doc).get('currentItemId') === id) runMap(doc).delete('currentItemId');
  });
}

/** Moves an item so it ends up at `index` in the order (as seen by this client). */
export function moveItem(doc: Y.Doc, id: string, index: number): void {
  const others = readAgenda(doc).filter((i) => i.id !== id);
  const map = itemMap(doc, id);
  if (!map) throw new ModelError('itemMissing');
  const at = Math.max(0, Math.min(index, others.length));
  doc.transact(() => map.set('position', between(others[at - 1]?.position, others[at]?.position)));
}

/** A copy of an item right after it (same fields, pending, never started). */
export function duplicateItem(doc: Y.Doc, id: string): string {
  const agenda = readAgenda(doc);
  const index = agenda.findIndex((i) => i.id === id);
  if (index < 0) throw new ModelError('itemMissing');
  const { title, kind, minutes, presenter, description, interpretation } = agenda[index];
  return addItem(doc, { title, kind, minutes, presenter, description, interpretation }, index + 1);
}

export function currentItemId(doc: Y.Doc): string | null {
  const id = runMap(doc).get('currentItemId');
  return typeof id === 'string' && itemMap(doc, id) ? id : null;
}

/** Ends the current item's run at `now`: its time is added to what it has used. */
function endRun(doc: Y.Doc, id: string, now: number, status: ItemStatus): void {
  const map = itemMap(doc, id);
  if (!map) return;
  const started = instant(map.get('startedAt'));
  const used = within(map.get('usedMs'), 0, MAX_INSTANT) ?? 0;
  if (started !== null && instant(map.get('endedAt')) === null) map.set('usedMs', used + Math.max(0, now - started));
  map.set('endedAt', now);
  if (map.get('status') !== 'skipped') map.set('status', status);
}

/**
 * Makes `id` the item the room is on, at server time `now`. The item left behind is done if the
 * room moved forward past it, and pending again if the room went back to an earlier item (it was
 * not finished). An item the room comes back to starts a new run; its earlier time still counts.
 */
export function setCurrent(doc: Y.Doc, id: string, now: number): void {
  now = stamp(now);
  const map = itemMap(doc, id);
  if (!map) throw new ModelError('itemMissing');
  doc.transact(() => {
    const previous = currentItemId(doc);
    if (previous && previous !== id) {
      const order = readAgenda(doc).map((i) => i.id);
      endRun(doc, previous, now, order.indexOf(previous) < order.indexOf(id) ? 'done' : 'pending');
    }
    if (previous === id && instant(map.get('endedAt')) === null) return;
    runMap(doc).set('currentItemId', id);
    map.set('status', 'pending');
    map.set('startedAt', now);
    map.delete('endedAt');
  });
}

/** Moves the room on to the next pending item after the current one; returns its id or null. */
export function advance(doc: Y.Doc, now: number): string | null {
  now = stamp(now);
  const agenda = readAgenda(doc);
  const current = currentItemId(doc);
  const from = current ? agenda.findIndex((i) => i.id === current) : -1;
  const next = agenda.slice(from + 1).find((i) => i.status === 'pending');
  if (!next) {
    if (current)
      doc.transact(() => {
        endRun(doc, current, now, 'done');
        runMap(doc).delete('currentItemId');
      });
    return null;
  }
  setCurrent(doc, next.id, now);
  return next.id;
}

export function setStatus(doc: Y.Doc, id: string, status: ItemStatus): void {
  const map = itemMap(doc, id);
  if (!map) throw new ModelError('itemMissing');
  doc.transact(() => map.set('status', status));
}

export interface Schedule {
  /** Minutes planned for the whole agenda. */
  plannedMinutes: number;
  /** Minutes the current item has run so far (server time), or 0. */
  currentUsedMinutes: number;
  /** Projected minutes from the start to the end: time already used plus what is still planned. */
  projectedMinutes: number;
  /** projected − planned: positive means running over. */
  overMinutes: number;
  /** Minutes still to go from `now`: what is left of the current item and of every pending one. */
  remainingMinutes: number;
}

/** Minutes an item has used by server time `now` (its ended runs, plus the running one if current). */
export function usedMinutes(item: AgendaItem, current: boolean, now: number): number {
  const running = current && item.startedAt !== null && item.endedAt === null ? Math.max(0, now - item.startedAt) : 0;
  return (item.usedMs + running) / 60_000;
}

/**
 * Where the room stands against the plan, at server time `now`. An item still to come (or the
 * current one) counts as the larger of its plan and what it has used; a finished or skipped one
 * counts as what it used. Still to go is the same sum minus what is used.
 */
export function schedule(doc: Y.Doc, now: number): Schedule {
  const agenda = readAgenda(doc);
  const current = currentItemId(doc);
  // The plan as built, skipped items included: skipping one is time won back.
  const plannedMinutes = agenda.reduce((s, i) => s + i.minutes, 0);
  let projected = 0;
  let currentUsedMinutes = 0;
  let remainingMinutes = 0;
  for (const item of agenda) {
    const used = usedMinutes(item, item.id === current, now);
    if (item.id === current) currentUsedMinutes = used;
    if (item.status === 'pending') {
      projected += Math.max(item.minutes, used);
      remainingMinutes += Math.max(0, item.minutes - used);
    } else {
      projected += used;
    }
  }
  return { plannedMinutes, currentUsedMinutes, projectedMinutes: projected, overMinutes: projected - plannedMinutes, remainingMinutes };
}
/** The shape of a real mass assembly to start from; titles come from the facilitator's language. */
export const TEMPLATE: readonly { key: string; kind: ItemKind; minutes: number }[] = [
  { key: 'welcome', kind: 'welcome', minutes: 10 },
  { key: 'interpretation', kind: 'welcome', minutes: 5 },
  { key: 'report', kind: 'report', minutes: 15 },
  { key: 'breakouts', kind: 'breakout', minutes: 30 },
  { key: 'reportBacks', kind: 'discussion', minutes: 25 },
  { key: 'proposals', kind: 'proposal', minutes: 30 },
  { key: 'nextActions', kind: 'discussion', minutes: 15 },
  { key: 'closing', kind: 'closing', minutes: 5 },
];

/** Appends the template's items, one transaction. */
export function addTemplate(doc: Y.Doc, title: (key: string) => string): void {
  doc.transact(() => {
    for (const item of TEMPLATE) addItem(doc, { title: title(item.key), kind: item.kind, minutes: item.minutes });
  });
}

/** When the assembly ended: the end of its last item once no item is current; null while it runs. */
export function endedAt(doc: Y.Doc): number | null {
  if (currentItemId(doc) !== null) return null;
  const ends = readAgenda(doc).map((i) => i.endedAt ?? 0);
  const last = Math.max(0, ...ends);
  return last > 0 ? last : null;
}
