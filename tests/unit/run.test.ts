import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, currentItemId, readAgenda, schedule } from '../../app/model/agenda.js';
import { goToItem, MAX_ANNOUNCEMENT, nextItem, readAnnouncement, setAnnouncement } from '../../app/model/run.js';
import { readTimer, remainingMs } from '../../app/model/timers.js';

describe('running the room', () => {
  it('[G3] next item is one action: the current item is done, the next starts with its own timer running', () => {
    const doc = new Y.Doc();
    const welcome = addItem(doc, { title: 'Welcome', kind: 'welcome', minutes: 10 });
    const report = addItem(doc, { title: 'Report', kind: 'report', minutes: 15 });
    goToItem(doc, welcome, 1_000);
    expect(readTimer(doc, 'item')).toEqual({ durationMs: 600_000, startedAt: 1_000, elapsedMs: 0 });

    let updates = 0;
    doc.on('update', () => updates++);
    expect(nextItem(doc, 700_000)).toBe(report);
    expect(updates).toBe(1); // one transaction: no screen ever sees the new item with the old timer
    expect(currentItemId(doc)).toBe(report);
    expect(readAgenda(doc)[0]).toMatchObject({ status: 'done', endedAt: 700_000 });
    expect(remainingMs(readTimer(doc, 'item')!, 760_000)).toBe(15 * 60_000 - 60_000);

    expect(nextItem(doc, 2_000_000)).toBeNull();
    expect(currentItemId(doc)).toBeNull();
    expect(readTimer(doc, 'item')).toBeNull();
  });

  it('[G3][G4] going back to an earlier item: the item left is pending again, time is not counted twice', () => {
    const doc = new Y.Doc();
    const a = addItem(doc, { title: 'A', kind: 'discussion', minutes: 15 });
    const b = addItem(doc, { title: 'B', kind: 'discussion', minutes: 20 });
    goToItem(doc, a, 0);
    nextItem(doc, 5 * 60_000); // pressed too early: A ran 5 of 15
    goToItem(doc, a, 25 * 60_000); // 20 minutes on B, then back to A
    const [itemA, itemB] = readAgenda(doc);
    expect(itemB).toMatchObject({ status: 'pending', usedMs: 20 * 60_000 });
    expect(itemA).toMatchObject({ status: 'pending', usedMs: 5 * 60_000, startedAt: 25 * 60_000 });
    // A's timer carries on from the 5 minutes it had used.
    expect(remainingMs(readTimer(doc, 'item')!, 26 * 60_000)).toBe(9 * 60_000);
    const s = schedule(doc, 26 * 60_000);
    expect(s.currentUsedMinutes).toBeCloseTo(6);
    // A: max(15, 6) = 15; B: max(20, 20) = 20; nothing over yet.
    expect(s.projectedMinutes).toBeCloseTo(35);
    expect(s.remainingMinutes).toBeCloseTo(9 + 0);
    expect(nextItem(doc, 30 * 60_000)).toBe(b);
  });

  it('[R2] announcements are trimmed, cleared by an empty text, and bounded', () => {
    const doc = new Y.Doc();
    setAnnouncement(doc, '  Interpretation in Spanish: channel 2 ');
    expect(readAnnouncement(doc)).toBe('Interpretation in Spanish: channel 2');
    setAnnouncement(doc, '');
    expect(readAnnouncement(doc)).toBe('');
    expect(() => setAnnouncement(doc, 'x'.repeat(MAX_ANNOUNCEMENT + 1))).toThrow(/at most/);
  });

  it('[G3] two facilitators pressing next at once move the room on by one item, not two', () => {
    const a = new Y.Doc();
    const ids = ['One', 'Two', 'Three'].map((title) => addItem(a, { title, kind: 'discussion', minutes: 5 }));
    goToItem(a, ids[0], 0);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    nextItem(a, 60_000);
    nextItem(b, 60_100);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(currentItemId(a)).toBe(ids[1]);
    expect(currentItemId(b)).toBe(ids[1]);
    expect(readAgenda(a).map((i) => i.status)).toEqual(['done', 'pending', 'pending']);
    expect(readTimer(a, 'item')).toEqual(readTimer(b, 'item'));
  });
});

describe('[G5] "Next item" means "move on from item X"', () => {
  function twoConsoles() {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(b, u, 'sync'));
    b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'sync' && Y.applyUpdate(a, u, 'sync'));
    return { a, b };
  }

  it('[G5] a second facilitator’s press for the item the room already left does nothing (no item is skipped)', () => {
    const { a, b } = twoConsoles();
    const report = addItem(a, { title: 'Report from the strike committee', kind: 'report', minutes: 10 });
    const breakouts = addItem(a, { title: 'Breakouts', kind: 'breakout', minutes: 20 });
    const close = addItem(a, { title: 'Closing', kind: 'closing', minutes: 5 });
    const welcome = addItem(a, { title: 'Welcome', kind: 'welcome', minutes: 5 }, 0);
    goToItem(a, welcome, 1_000);
    // Both consoles show "Welcome" as current; A presses first, B a moment later.
    expect(nextItem(a, 2_000, welcome)).toBe(report);
    expect(nextItem(b, 2_100, welcome)).toBeNull();
    expect(currentItemId(a)).toBe(report);
    expect(currentItemId(b)).toBe(report);
    expect(readAgenda(a).find((i) => i.id === report)?.status).toBe('pending');
    expect(readAgenda(a).find((i) => i.id === breakouts)?.status).toBe('pending');
    void close;
  });

  it('[G5] the same console pressing twice for one item moves on once', () => {
    const doc = new Y.Doc();
    const first = addItem(doc, { title: 'First', kind: 'discussion', minutes: 5 });
    const second = addItem(doc, { title: 'Second', kind: 'discussion', minutes: 5 });
    addItem(doc, { title: 'Third', kind: 'discussion', minutes: 5 });
    goToItem(doc, first, 1_000);
    nextItem(doc, 2_000, first);
    nextItem(doc, 2_001, first);
    expect(currentItemId(doc)).toBe(second);
  });
});
