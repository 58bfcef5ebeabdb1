import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, currentItemId, readAgenda } from '../../app/model/agenda.js';
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
