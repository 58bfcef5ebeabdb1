/**
 * Running the room: the one-action moves a facilitator makes mid-assembly, each one transaction so
 * every screen sees the item change and its timer restart together. Announcements live here too.
 */
import * as Y from 'yjs';
import { advance, currentItemId, readAgenda, runMap, setCurrent } from './agenda.js';
import { carryReportBacks, endTurn, readSettings } from './stack.js';
import { asMap, text } from './shape.js';
import { readTimer, resetTimer, startTimer, timersMap } from './timers.js';
import { stamp } from './stamp.js';
import { ModelError } from './model-error.js';

const ANNOUNCEMENT = 'announcement';
/** Long enough for two languages of practical notice; short enough to read from the back of a hall. */
export const MAX_ANNOUNCEMENT = 280;

/** Leaving an item: its last speaker has spoken, and the speaker timer stops and resets. */
function leaveItem(doc: Y.Doc, now: number): void {
  endTurn(doc, now);
  if (readTimer(doc, 'speaker')) resetTimer(doc, 'speaker', readSettings(doc).speakerSeconds * 1000);
}

/** The item timer runs from what the item has already used (if the room came back to it). */
function restartItemTimer(doc: Y.Doc, id: string, now: number): void {
  const item = readAgenda(doc).find((i) => i.id === id);
  if (!item) return;
  resetTimer(doc, 'item', item.minutes * 60_000);
  if (item.usedMs > 0) asMap(timersMap(doc).get('item'))?.set('elapsedMs', item.usedMs);
  startTimer(doc, 'item', now);
}

/** Makes `id` the current item and starts its timer at its planned length. */
export function goToItem(doc: Y.Doc, id: string, now: number): void {
  now = stamp(now);
  doc.transact(() => {
    const left = currentItemId(doc);
    if (left !== id) leaveItem(doc, now);
    setCurrent(doc, id, now);
    if (left && left !== id) carryReportBacks(doc, left, id);
    restartItemTimer(doc, id, now);
  });
}

/**
 * "Next item": the current one is done, the next pending one starts with its timer running.
 * After the last item the item timer is removed. Returns the new current item's id, or null.
 *
 * `from` is the item the press was for ([G5]): "move on from item X". When the room has already
 * left it (another facilitator pressed first, or this press is a second one), nothing changes.
 */
export function nextItem(doc: Y.Doc, now: number, from?: string | null): string | null {
  now = stamp(now);
  if (from !== undefined && currentItemId(doc) !== from) return null;
  let next: string | null = null;
  doc.transact(() => {
    const left = currentItemId(doc);
    leaveItem(doc, now);
    next = advance(doc, now);
    if (next && left) carryReportBacks(doc, left, next);
    if (next) restartItemTimer(doc, next, now);
    else timersMap(doc).delete('item');
  });
  return next;
}

/** What the projector says across the top ("Interpretation in Spanish: channel 2"); '' clears it. */
export function setAnnouncement(doc: Y.Doc, text: string): void {
  const clean = text.trim();
  if (clean.length > MAX_ANNOUNCEMENT) throw new ModelError('announcementLong', { max: MAX_ANNOUNCEMENT });
  doc.transact(() => {
    if (clean) runMap(doc).set(ANNOUNCEMENT, clean);
    else runMap(doc).delete(ANNOUNCEMENT);
  });
}

export function readAnnouncement(doc: Y.Doc): string {
  return text(runMap(doc).get(ANNOUNCEMENT), MAX_ANNOUNCEMENT * 2);
}
