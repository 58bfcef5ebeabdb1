import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addItem,
  addTemplate,
  advance,
  currentItemId,
  duplicateItem,
  editItem,
  moveItem,
  readAgenda,
  removeItem,
  schedule,
  setCurrent,
  setStatus,
  TEMPLATE,
} from '../../app/model/agenda.js';

const titles = (doc: Y.Doc) => readAgenda(doc).map((i) => i.title);
const item = (title: string, minutes = 10) => ({ title, kind: 'discussion' as const, minutes });

/** Two facilitators' copies, starting from the same state. */
function pair(setup: (doc: Y.Doc) => void = () => {}) {
  const a = new Y.Doc();
  setup(a);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return { a, b };
}

/** Merges both ways in both orders; returns the two resulting states, which must be equal. */
function mergeBothOrders(a: Y.Doc, b: Y.Doc): [Y.Doc, Y.Doc] {
  const ua = Y.encodeStateAsUpdate(a);
  const ub = Y.encodeStateAsUpdate(b);
  const ab = new Y.Doc();
  Y.applyUpdate(ab, ua);
  Y.applyUpdate(ab, ub);
  const ba = new Y.Doc();
  Y.applyUpdate(ba, ub);
  Y.applyUpdate(ba, ua);
  return [ab, ba];
}

describe('agenda', () => {
  it('adds, edits, reorders, duplicates and removes items', () => {
    const doc = new Y.Doc();
    const welcome = addItem(doc, item('Welcome', 10));
    const report = addItem(doc, item('Report', 15));
    addItem(doc, item('Opening'), 0);
    expect(titles(doc)).toEqual(['Opening', 'Welcome', 'Report']);
    moveItem(doc, report, 0);
    expect(titles(doc)).toEqual(['Report', 'Opening', 'Welcome']);
    moveItem(doc, report, 2);
    expect(titles(doc)).toEqual(['Opening', 'Welcome', 'Report']);
    editItem(doc, welcome, { title: 'Welcome and community agreements', presenter: 'Ana', interpretation: 'Spanish ch. 2' });
    const copy = duplicateItem(doc, welcome);
    expect(titles(doc)).toEqual(['Opening', 'Welcome and community agreements', 'Welcome and community agreements', 'Report']);
    expect(readAgenda(doc)[2]).toMatchObject({ id: copy, presenter: 'Ana', interpretation: 'Spanish ch. 2', status: 'pending', startedAt: null });
    removeItem(doc, copy);
    expect(titles(doc)).toHaveLength(3);
  });

  it('refuses an item without a title or with impossible minutes', () => {
    const doc = new Y.Doc();
    expect(() => addItem(doc, item('  '))).toThrow(/title/);
    expect(() => addItem(doc, item('x', -5))).toThrow(/minutes/);
    expect(() => addItem(doc, { ...item('x'), kind: 'party' as never })).toThrow(/kind/);
    expect(readAgenda(doc)).toEqual([]);
  });

  it('the template is shaped like a real assembly', () => {
    const doc = new Y.Doc();
    addTemplate(doc, (key) => `T:${key}`);
    expect(titles(doc)).toEqual(TEMPLATE.map((t) => `T:${t.key}`));
    expect(readAgenda(doc).map((i) => i.kind)).toContain('breakout');
  });

  it('[G4] runs the room: current item, next, done and skipped, and the projected end', () => {
    const doc = new Y.Doc();
    const a = addItem(doc, item('A', 10));
    const b = addItem(doc, item('B', 20));
    const c = addItem(doc, item('C', 30));
    const t0 = 1_000_000;
    setCurrent(doc, a, t0);
    expect(currentItemId(doc)).toBe(a);
    // A runs 22 minutes instead of 10: 12 over.
    expect(schedule(doc, t0 + 22 * 60_000).overMinutes).toBeCloseTo(12);
    // Still to go: nothing of A (it is past its plan), then B and C in full.
    expect(schedule(doc, t0 + 22 * 60_000).remainingMinutes).toBeCloseTo(50);
    expect(schedule(doc, t0 + 4 * 60_000).remainingMinutes).toBeCloseTo(6 + 50);
    setStatus(doc, b, 'skipped');
    expect(advance(doc, t0 + 22 * 60_000)).toBe(c);
    expect(readAgenda(doc).map((i) => i.status)).toEqual(['done', 'skipped', 'pending']);
    // Skipping B (20 planned) won back time: 12 over − 20 = 8 under.
    const s = schedule(doc, t0 + 22 * 60_000);
    expect(s.plannedMinutes).toBe(60);
    expect(s.overMinutes).toBeCloseTo(-8);
    expect(s.remainingMinutes).toBeCloseTo(30);
    expect(advance(doc, t0 + 50 * 60_000)).toBeNull();
    expect(currentItemId(doc)).toBeNull();
    expect(readAgenda(doc)[2].status).toBe('done');
  });
});

describe('two facilitators at once', () => {
  it('[G1] concurrent adds at the same place keep both items, in the same order everywhere', () => {
    const { a, b } = pair((d) => addItem(d, item('Welcome')));
    addItem(a, item('From A'));
    addItem(b, item('From B'));
    const [ab, ba] = mergeBothOrders(a, b);
    expect(titles(ab)).toEqual(titles(ba));
    expect(titles(ab).sort()).toEqual(['From A', 'From B', 'Welcome']);
  });

  it('[G1] concurrent moves of the same item never duplicate or lose it', () => {
    let ids: string[] = [];
    const { a, b } = pair((d) => (ids = ['1', '2', '3', '4'].map((t) => addItem(d, item(t)))));
    moveItem(a, ids[3], 0);
    moveItem(b, ids[3], 2);
    moveItem(b, ids[0], 3);
    const [ab, ba] = mergeBothOrders(a, b);
    expect(titles(ab)).toEqual(titles(ba));
    expect([...titles(ab)].sort()).toEqual(['1', '2', '3', '4']);
  });

  it('[G2] an edit of one field and an edit of another field of the same item both survive', () => {
    let id = '';
    const { a, b } = pair((d) => (id = addItem(d, item('Report'))));
    editItem(a, id, { title: 'Report from the strike committee' });
    editItem(b, id, { minutes: 25, presenter: 'Khadra' });
    moveItem(b, id, 0);
    const [ab, ba] = mergeBothOrders(a, b);
    for (const d of [ab, ba]) expect(readAgenda(d)[0]).toMatchObject({ title: 'Report from the strike committee', minutes: 25, presenter: 'Khadra' });
  });

  it('[G1] a seeded random mix of operations on two copies converges, with every item exactly once', () => {
    let seed = 1934;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const { a, b } = pair((d) => ['w', 'r', 'b'].forEach((t) => addItem(d, item(t))));
      for (const doc of [a, b]) {
        for (let k = 0; k < 8; k++) {
          const agenda = readAgenda(doc);
          const pick = agenda[Math.floor(random() * agenda.length)];
          const r = random();
          if (r < 0.3) addItem(doc, item(`n${round}-${k}`), Math.floor(random() * (agenda.length + 1)));
          else if (r < 0.6 && pick) moveItem(doc, pick.id, Math.floor(random() * agenda.length));
          else if (r < 0.75 && pick) duplicateItem(doc, pick.id);
          else if (r < 0.85 && pick) removeItem(doc, pick.id);
          else if (pick) editItem(doc, pick.id, { minutes: Math.floor(random() * 60) });
        }
      }
      const [ab, ba] = mergeBothOrders(a, b);
      expect(readAgenda(ab)).toEqual(readAgenda(ba));
      const ids = readAgenda(ab).map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
