import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, setCurrent } from '../../app/model/agenda.js';
import {
  estimateWaitMs,
  history,
  ownedBy,
  moveEntry,
  namesSeen,
  nextSpeaker,
  raiseHand,
  readEntries,
  readStack,
  setSettings,
  setStackClosed,
  StackError,
  withdraw,
  type EntryKind,
  type Progressive,
  addReportBack,
} from '../../app/model/stack.js';
import { readTimer } from '../../app/model/timers.js';
import { goToItem, nextItem } from '../../app/model/run.js';

const names = (doc: Y.Doc) => readStack(doc).queue.map((e) => e.name);
const speaker = (doc: Y.Doc) => readStack(doc).speaker?.name ?? null;

/** A document whose agenda is on one item. */
function room(): Y.Doc {
  const doc = new Y.Doc();
  setCurrent(doc, addItem(doc, { title: 'Proposals', kind: 'proposal', minutes: 30 }), 0);
  return doc;
}

function raiseAll(doc: Y.Doc, hands: [string, EntryKind][], start = 1_000): void {
  hands.forEach(([name, kind], i) => raiseHand(doc, { name, kind }, start + i * 1_000));
}

describe('stack order', () => {
  it('[K1] points of process first, then clarifying questions and information, then direct responses, then the stack', () => {
    const doc = room();
    raiseAll(doc, [
      ['Ana', 'speak'],
      ['Bashir', 'direct'],
      ['Chao', 'info'],
      ['Dalia', 'process'],
      ['Efrem', 'clarify'],
      ['Fatima', 'speak'],
      ['Gabe', 'process'],
    ]);
    expect(names(doc)).toEqual(['Dalia', 'Gabe', 'Chao', 'Efrem', 'Bashir', 'Ana', 'Fatima']);
  });

  const spoken = (setting: Progressive) => {
    const doc = room();
    setSettings(doc, { progressive: setting });
    // Ana has spoken twice and Bo once; Cy never.
    raiseAll(
      doc,
      [
        ['Ana', 'speak'],
        ['Bo', 'speak'],
        ['Ana', 'speak'],
      ],
      100,
    );
    for (let i = 0; i < 4; i++) nextSpeaker(doc, 200 + i);
    expect(history(doc).map((h) => [h.name, h.times])).toEqual([
      ['Ana', 2],
      ['Bo', 1],
    ]);
    raiseAll(
      doc,
      [
        ['ana ', 'speak'],
        ['Bo', 'speak'],
        ['Cy', 'speak'],
        ['Dee', 'direct'],
      ],
      1_000,
    );
    return names(doc);
  };

  it('[K2] progressive stack off: raised order', () => {
    expect(spoken('off')).toEqual(['Dee', 'ana', 'Bo', 'Cy']);
  });

  it('[K2] progressive stack "spoken less": fewer times spoken in this assembly first', () => {
    expect(spoken('less-spoken')).toEqual(['Dee', 'Cy', 'Bo', 'ana']);
  });

  it('[K2] progressive stack "first-time": people who have not spoken yet first, then raised order', () => {
    expect(spoken('first-time')).toEqual(['Dee', 'Cy', 'ana', 'Bo']);
  });

  it('[K3] the keeper moves an entry by hand, and it shows as moved', () => {
    const doc = room();
    raiseAll(doc, [
      ['Ana', 'speak'],
      ['Bo', 'speak'],
      ['Cy', 'speak'],
      ['Dee', 'process'],
    ]);
    const cy = readStack(doc).queue.find((e) => e.name === 'Cy')!;
    moveEntry(doc, cy.id, 0);
    expect(names(doc)).toEqual(['Cy', 'Dee', 'Ana', 'Bo']);
    moveEntry(doc, cy.id, 2);
    expect(names(doc)).toEqual(['Dee', 'Ana', 'Cy', 'Bo']);
    moveEntry(doc, cy.id, 3);
    expect(names(doc)).toEqual(['Dee', 'Ana', 'Bo', 'Cy']);
    expect(readStack(doc).queue.find((e) => e.name === 'Cy')!.moved).toBe(true);
    expect(readStack(doc).queue.find((e) => e.name === 'Ana')!.moved).toBe(false);
  });
});

describe('running the stack', () => {
  it('[K4] next calls the first in line, ends the last turn and restarts the speaker timer', () => {
    const doc = room();
    setSettings(doc, { speakerSeconds: 90 });
    raiseAll(doc, [
      ['Ana', 'speak'],
      ['Bo', 'speak'],
    ]);
    nextSpeaker(doc, 10_000);
    expect(speaker(doc)).toBe('Ana');
    expect(readTimer(doc, 'speaker')).toEqual({ durationMs: 90_000, startedAt: 10_000, elapsedMs: 0 });
    nextSpeaker(doc, 70_000);
    expect(speaker(doc)).toBe('Bo');
    expect(names(doc)).toEqual([]);
    nextSpeaker(doc, 100_000);
    expect(speaker(doc)).toBeNull();
    expect(history(doc)).toEqual([
      { name: 'Ana', times: 1, totalMs: 60_000 },
      { name: 'Bo', times: 1, totalMs: 30_000 },
    ]);
    expect(namesSeen(doc)).toEqual(['Ana', 'Bo']);
  });

  it('[K5] a closed stack takes only points of process', () => {
    const doc = room();
    setStackClosed(doc, true);
    expect(() => raiseHand(doc, { name: 'Ana', kind: 'speak' }, 1)).toThrow(StackError);
    raiseHand(doc, { name: 'Ana', kind: 'process' }, 1);
    setStackClosed(doc, false);
    raiseHand(doc, { name: 'Bo', kind: 'speak' }, 2);
    expect(names(doc)).toEqual(['Ana', 'Bo']);
  });

  it('[K6] a phone holds one open entry per kind and withdraws only its own; its entries cannot be linked', () => {
    const doc = room();
    // Stand-ins for the server's HMAC: a different tag per phone and per entry.
    const tag = (phone: string) => (id: string) => `${phone}:${id}`.split('').reverse().join('');
    const mine = raiseHand(doc, { name: 'Ana', kind: 'speak', owner: tag('phone-a') }, 1);
    expect(() => raiseHand(doc, { name: 'Ana', kind: 'speak', owner: tag('phone-a') }, 2)).toThrow(/already/);
    const direct = raiseHand(doc, { name: 'Ana', kind: 'direct', owner: tag('phone-a') }, 3);
    const theirs = raiseHand(doc, { name: 'Bo', kind: 'speak', owner: tag('phone-b') }, 4);
    const keepers = raiseHand(doc, { name: 'Cy', kind: 'speak' }, 4.5);
    expect(() => withdraw(doc, theirs, tag('phone-a'))).toThrow(expect.objectContaining({ code: 'not-yours' }));
    expect(() => withdraw(doc, keepers, tag('phone-a'))).toThrow(expect.objectContaining({ code: 'not-yours' }));
    // The room sees a different owner tag on each of Ana's hands: nothing links them.
    const owners = readEntries(doc)
      .filter((e) => e.id === mine || e.id === direct)
      .map((e) => e.owner);
    expect(new Set(owners).size).toBe(2);
    withdraw(doc, mine, tag('phone-a'));
    expect(names(doc)).toEqual(['Ana', 'Bo', 'Cy']); // Ana's direct response stays
    // After withdrawing, the same phone may raise that kind again.
    raiseHand(doc, { name: 'Ana', kind: 'speak', owner: tag('phone-a') }, 5);
  });

  it('[K4] names are checked: empty and over-long names are refused', () => {
    const doc = room();
    expect(() => raiseHand(doc, { name: '   ', kind: 'speak' }, 1)).toThrow(/name/);
    expect(() => raiseHand(doc, { name: 'x'.repeat(61), kind: 'speak' }, 1)).toThrow(/at most/);
    expect(() => raiseHand(doc, { name: 'Ana', kind: 'shout' as EntryKind }, 1)).toThrow(/kind/);
  });

  it('the wait estimate is the rest of this turn plus a full turn for everyone ahead', () => {
    const doc = room();
    raiseAll(doc, [
      ['Ana', 'speak'],
      ['Bo', 'speak'],
      ['Cy', 'speak'],
    ]);
    expect(estimateWaitMs(readStack(doc), 2, 30_000)).toBe(30_000 + 2 * 120_000);
  });

  it('the stack belongs to the agenda item: a new item starts with an empty stack', () => {
    const doc = room();
    raiseAll(doc, [['Ana', 'speak']]);
    setCurrent(doc, addItem(doc, { title: 'Next actions', kind: 'discussion', minutes: 15 }), 5_000);
    expect(names(doc)).toEqual([]);
  });

  it('[K4] moving on to another item ends the last turn: that speaker counts as having spoken', () => {
    const doc = room();
    setSettings(doc, { progressive: 'first-time' });
    raiseAll(doc, [['Ana', 'speak']]);
    nextSpeaker(doc, 2_000);
    goToItem(doc, addItem(doc, { title: 'Next actions', kind: 'discussion', minutes: 15 }), 62_000);
    expect(history(doc)).toEqual([{ name: 'Ana', times: 1, totalMs: 60_000 }]);
    // Nobody is speaking now: the speaker timer is stopped and back at its full length.
    expect(readTimer(doc, 'speaker')).toEqual({ durationMs: 120_000, startedAt: null, elapsedMs: 0 });
    raiseAll(
      doc,
      [
        ['Ana', 'speak'],
        ['Bo', 'speak'],
      ],
      70_000,
    );
    expect(names(doc)).toEqual(['Bo', 'Ana']);
  });
});

describe('[K7] several keepers and phones at once', () => {
  it('two keepers pressing next at the same moment call one speaker; the other stays first in line', () => {
    const a = room();
    raiseAll(a, [
      ['Ana', 'speak'],
      ['Bo', 'speak'],
    ]);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    raiseHand(b, { name: 'Cy', kind: 'process' }, 3_000); // B sees a point of process A has not yet
    nextSpeaker(a, 10_000); // A calls Ana
    nextSpeaker(b, 10_000); // B calls Cy
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readStack(a)).toEqual(readStack(b));
    const view = readStack(a);
    const everyone = [view.speaker!.name, ...view.queue.map((e) => e.name)].sort();
    expect(everyone).toEqual(['Ana', 'Bo', 'Cy']);
  });

  it('a seeded random mix from three keepers and three phones, merged in random orders, converges with nobody skipped or listed twice', () => {
    let seed = 26;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const KINDS: EntryKind[] = ['speak', 'speak', 'speak', 'direct', 'clarify', 'info', 'process'];
    const phone = (i: number) => (id: string) => `phone-${i}/${id}`;
    for (let round = 0; round < 60; round++) {
      const base = room();
      setSettings(base, { progressive: pick(['off', 'less-spoken', 'first-time'] as const) });
      raiseAll(base, [
        ['Ana', 'speak'],
        ['Bo', 'speak'],
      ]);
      const replicas = Array.from({ length: 6 }, () => {
        const d = new Y.Doc();
        Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
        return d;
      });
      let clock = 10_000;
      for (let step = 0; step < 40; step++) {
        const i = Math.floor(random() * replicas.length);
        const doc = replicas[i];
        const keeper = i < 3;
        const r = random();
        clock += Math.floor(random() * 3_000);
        try {
          if (keeper && r < 0.3) nextSpeaker(doc, clock);
          else if (keeper && r < 0.45) {
            const q = readStack(doc).queue;
            if (q.length > 1) moveEntry(doc, pick(q).id, Math.floor(random() * q.length));
          } else if (keeper && r < 0.55) {
            const q = readStack(doc).queue;
            if (q.length) withdraw(doc, pick(q).id);
          } else if (!keeper && r < 0.3) {
            const mine = ownedBy(readStack(doc).queue, phone(i));
            if (mine.length) withdraw(doc, pick(mine).id, phone(i));
          } else raiseHand(doc, { name: pick(['Ana', 'Bo', 'Cy', 'Dee', 'Eli']), kind: pick(KINDS), owner: keeper ? undefined : phone(i) }, clock);
        } catch (err) {
          if (!(err instanceof StackError)) throw err;
        }
        // Now and then two replicas talk (a partial sync), the rest stay apart.
        if (random() < 0.3) {
          const [x, y] = [pick(replicas), pick(replicas)];
          Y.applyUpdate(y, Y.encodeStateAsUpdate(x, Y.encodeStateVector(y)));
        }
      }
      // Everyone syncs in a random order.
      const merged = replicas.map(() => new Y.Doc());
      for (const m of merged) {
        const order = [...replicas].sort(() => random() - 0.5);
        for (const r of order) Y.applyUpdate(m, Y.encodeStateAsUpdate(r));
      }
      const views = merged.map((m) => JSON.stringify(readStack(m)));
      expect(new Set(views).size).toBe(1);

      const doc = merged[0];
      const view = readStack(doc);
      const waiting = view.queue.map((e) => e.id);
      expect(new Set(waiting).size).toBe(waiting.length);
      expect(waiting).not.toContain(view.speaker?.id);
      // Nobody skipped: whoever is marked as having spoken was called.
      for (const e of readEntries(doc)) if (e.status === 'spoken') expect(e.calledAt).not.toBeNull();
      // Draining the stack calls every waiting entry exactly once.
      const called: string[] = [];
      for (let n = 0; n <= waiting.length; n++) {
        const id = nextSpeaker(doc, (clock += 1_000));
        if (id) called.push(id);
      }
      expect(called.sort()).toEqual([...waiting].sort());
    }
  });
});

describe('[K12] unheard report-backs follow the room', () => {
  it('[K12] end the round, call table 1, "Next item": tables 2 and 3 wait on the next item’s stack', () => {
    const doc = new Y.Doc();
    const breakouts = addItem(doc, { title: 'Breakouts', kind: 'breakout', minutes: 30 });
    const reportBacks = addItem(doc, { title: 'Report-backs', kind: 'report', minutes: 20 });
    goToItem(doc, breakouts, 1_000);
    for (const n of [1, 2, 3]) addReportBack(doc, { name: `Table ${n}`, text: `Points of table ${n}`, order: n }, 2_000);
    expect(nextSpeaker(doc, 3_000)).not.toBeNull();
    expect(readStack(doc).speaker?.name).toBe('Table 1');
    expect(nextItem(doc, 4_000, breakouts)).toBe(reportBacks);
    const view = readStack(doc);
    expect(view.itemId).toBe(reportBacks);
    expect(view.speaker).toBeNull();
    expect(view.queue.map((e) => e.name)).toEqual(['Table 2', 'Table 3']);
    // Table 1 was heard on Breakouts; going back there does not bring it again.
    goToItem(doc, breakouts, 5_000);
    expect(readStack(doc).queue.map((e) => e.name)).toEqual(['Table 2', 'Table 3']);
  });
});
