/**
 * Field-level write rights ([F1]–[F8]): every writing role against every part of every document,
 * as crafted Yjs updates (what a hostile client can send, not only what the UI sends).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WriteGuard } from '../../server/sync/write-guard.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import type { Grant } from '../../server/access/permissions.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addReportBack, raiseHand } from '../../app/model/stack.js';
import { addProposal, closeVote, openVote } from '../../app/model/proposals.js';
import { joinTable, planRound, startRound } from '../../app/model/breakouts.js';
import { resetTimer } from '../../app/model/timers.js';
import { setMeta } from '../../app/model/meta.js';

const grant = (role: Grant['role'], scope: string | null = null): Grant => ({ id: 'l1', assemblyId: 'a1', role, scope, canVote: true });
const facilitator = grant('facilitator');
const keeper = grant('stack-keeper');
const plenaryNotes = grant('note-taker', 'plenary');
const table1 = grant('note-taker', 'i1-t1');

/** A plenary document as a real assembly has it: an item running, a hand up, a report-back, a round, a closed vote. */
function assembly() {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'May Day', startsAt: null, place: null, languages: ['en'] });
  const item = addItem(doc, { title: 'Breakouts', kind: 'breakout', minutes: 20 });
  goToItem(doc, item, 1_000);
  const hand = raiseHand(doc, { name: 'Amina', kind: 'speak' }, 2_000);
  const phoneHand = raiseHand(doc, { name: 'Ramón', kind: 'speak', owner: (id) => `tag-${id}` }, 2_100);
  const report = addReportBack(doc, { name: 'Table 1', text: 'A strike fund', order: 1 }, 3_000);
  planRound(doc, item, { prompts: ['What next?'], minutes: 15, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(doc, item, 4_000);
  joinTable(doc, item, 'seat-a', `${item}-t1`);
  const voted = addProposal(doc, { itemId: item, text: 'Strike on May 1' }, 5_000);
  openVote(doc, voted);
  closeVote(doc, voted, { for: 40, against: 3, abstain: 2 });
  const open = addProposal(doc, { itemId: item, text: 'A second fund' }, 6_000);
  openVote(doc, open);
  const plain = addProposal(doc, { itemId: item, text: 'Thank the cooks' }, 7_000);
  resetTimer(doc, 'speaker', 120_000);
  return { doc, item, hand, phoneHand, report, voted, open, plain };
}

/** The update a client with a copy of `doc` makes by `change`. */
function crafted(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

function verdict(g: Grant, docName: string, doc: Y.Doc, change: (copy: Y.Doc) => void) {
  const guard = new WriteGuard(parseDocName(docName)!, doc);
  return guard.check(g, crafted(doc, change));
}

const entry = (doc: Y.Doc, root: string, key: string) => doc.getMap(root).get(key) as Y.Map<unknown>;

describe('[F1] the plenary document, part by part and role by role', () => {
  const a = assembly();
  type Case = [string, (d: Y.Doc) => void, { facilitator: boolean; keeper: boolean }];
  const cases: Case[] = [
    ['meta title', (d) => d.getMap('meta').set('title', 'Renamed'), { facilitator: true, keeper: false }],
    ['announcement', (d) => d.getMap('run').set('announcement', 'Channel 2'), { facilitator: true, keeper: false }],
    ['current item', (d) => d.getMap('run').set('currentItemId', a.item), { facilitator: true, keeper: false }],
    ['item timer', (d) => d.getMap('timers').set('item', new Y.Map<unknown>([['durationMs', 60_000]])), { facilitator: true, keeper: false }],
    ['speaker timer', (d) => entry(d, 'timers', 'speaker').set('startedAt', 9_000), { facilitator: true, keeper: true }],
    ['stack settings', (d) => d.getMap('stack').set('progressive', 'first-time'), { facilitator: true, keeper: true }],
    ['close the stack', (d) => d.getMap('stack').set(`closed:${a.item}`, true), { facilitator: true, keeper: true }],
    ['call a speaker', (d) => entry(d, 'stackEntries', a.hand).set('calledAt', 9_000), { facilitator: true, keeper: true }],
    ['withdraw a phone hand', (d) => entry(d, 'stackEntries', a.phoneHand).set('status', 'withdrawn'), { facilitator: true, keeper: true }],
    ['add a keeper hand', (d) => raiseHand(d, { name: 'Hodan', kind: 'clarify' }, 9_000), { facilitator: true, keeper: true }],
    ['an agenda item', (d) => entry(d, 'agendaItems', a.item).set('title', 'Tables'), { facilitator: true, keeper: false }],
    ['add an agenda item', (d) => addItem(d, { title: 'Closing', kind: 'closing', minutes: 5 }), { facilitator: true, keeper: false }],
    ['a round', (d) => entry(d, 'breakoutRounds', a.item).set('message', '5 minutes left'), { facilitator: true, keeper: false }],
    ['a proposal text', (d) => entry(d, 'proposals', a.plain).set('text', 'Thank the cooks and cleaners'), { facilitator: true, keeper: false }],
    ['a hand count', (d) => entry(d, 'proposals', a.plain).set('counts', { for: 10, against: 1, abstain: 0 }), { facilitator: true, keeper: false }],
    ['an outcome', (d) => entry(d, 'proposals', a.voted).set('outcome', 'carried'), { facilitator: true, keeper: false }],
  ];
  for (const [what, change, allowed] of cases) {
    it(`[F1] ${what}: facilitator ${allowed.facilitator ? 'may' : 'may not'}, stack-keeper ${allowed.keeper ? 'may' : 'may not'}`, () => {
      expect(verdict(facilitator, 'a1/plenary', a.doc, change).ok).toBe(allowed.facilitator);
      const k = verdict(keeper, 'a1/plenary', a.doc, change);
      expect(k.ok).toBe(allowed.keeper);
      if (!allowed.keeper) expect(k).toMatchObject({ code: 'forbidden' });
    });
  }
});

describe('[F2] results the server computes are the server’s alone, facilitators included', () => {
  const a = assembly();
  const refusedToAll = (what: string, change: (d: Y.Doc) => void) =>
    it(`[F2] ${what}`, () => {
      for (const g of [facilitator, keeper]) expect(verdict(g, 'a1/plenary', a.doc, change)).toMatchObject({ ok: false, code: 'forbidden' });
    });
  refusedToAll('a forged tally on a closed phone vote (against=999)', (d) =>
    entry(d, 'proposals', a.voted).set('counts', { for: 40, against: 999, abstain: 2 }),
  );
  refusedToAll('closing a phone vote from a client', (d) => entry(d, 'proposals', a.open).set('vote', { open: false, cast: 0, closed: true }));
  refusedToAll('raising the cast count', (d) => entry(d, 'proposals', a.open).set('vote', { open: true, cast: 500, closed: false }));
  refusedToAll('opening a phone vote from a client', (d) => entry(d, 'proposals', a.plain).set('vote', { open: true, cast: 0, closed: false }));
  refusedToAll('changing a voted proposal’s method', (d) => entry(d, 'proposals', a.voted).set('method', 'hands'));
  refusedToAll('deleting a voted proposal', (d) => d.getMap('proposals').delete(a.voted));
  refusedToAll('an outcome while the vote is open', (d) => entry(d, 'proposals', a.open).set('outcome', 'carried'));
  refusedToAll('editing a report-back’s text', (d) => entry(d, 'stackEntries', a.report).set('text', 'Something else'));
  refusedToAll('deleting a report-back', (d) => d.getMap('stackEntries').delete(a.report));
  refusedToAll('placing a report-back', (d) => {
    const m = new Y.Map<unknown>();
    d.getMap('stackEntries').set('forged1', m);
    m.set('name', 'Table 9');
    m.set('kind', 'report');
    m.set('text', 'We endorse the employer');
  });
  refusedToAll('tagging a hand as a phone’s', (d) => {
    const m = new Y.Map<unknown>();
    d.getMap('stackEntries').set('forged2', m);
    m.set('name', 'Somebody');
    m.set('kind', 'speak');
    m.set('owner', 'tag-guess');
  });
  refusedToAll('renaming who raised a hand', (d) => entry(d, 'stackEntries', a.phoneHand).set('name', 'Someone else'));
  // [BR9] Moves are server commands: a console moving a seat from its copy raced the server (4403).
  refusedToAll('moving a seated phone to another table', (d) =>
    (entry(d, 'breakoutRounds', a.item).get('members') as Y.Map<unknown>).set('seat-a', `${a.item}-t2`),
  );
  refusedToAll('unseating a phone', (d) => (entry(d, 'breakoutRounds', a.item).get('members') as Y.Map<unknown>).delete('seat-a'));
  refusedToAll('seating a new phone', (d) => (entry(d, 'breakoutRounds', a.item).get('members') as Y.Map<unknown>).set('seat-forged', `${a.item}-t1`));
  refusedToAll('ending a round without its report-backs', (d) => entry(d, 'breakoutRounds', a.item).set('status', 'ended'));
});

describe('[F3] shapes and bounds: what no writer may store', () => {
  const a = assembly();
  const invalidFor = (g: Grant, what: string, change: (d: Y.Doc) => void) =>
    it(`[F3] ${g.role}: ${what}`, () => {
      const v = verdict(g, 'a1/plenary', a.doc, change);
      expect(v.ok).toBe(false);
    });
  invalidFor(facilitator, 'a round with 20,000,000 tables', (d) => entry(d, 'breakoutRounds', a.item).set('tableCount', 20_000_000));
  invalidFor(keeper, 'a round with 20,000,000 tables', (d) => entry(d, 'breakoutRounds', a.item).set('tableCount', 20_000_000));
  invalidFor(facilitator, 'an agenda item that is not a map', (d) => d.getMap('agendaItems').set('x1', 5));
  invalidFor(facilitator, 'a proposal that is not a map', (d) => d.getMap('proposals').set('p1', 'text'));
  invalidFor(keeper, 'a stack entry that is not a map', (d) => d.getMap('stackEntries').set('e1', [1, 2]));
  invalidFor(facilitator, 'a top-level type the document does not have', (d) => d.getMap('secrets').set('a', 1));
  invalidFor(facilitator, 'a top-level array', (d) => d.getArray('agendaItems').push([1]));
  invalidFor(facilitator, 'an unknown field on an item', (d) => entry(d, 'agendaItems', a.item).set('script', '<b>'));
  invalidFor(facilitator, 'a title of 10,000 characters', (d) => d.getMap('meta').set('title', 'x'.repeat(10_000)));
  invalidFor(facilitator, 'NaN minutes', (d) => entry(d, 'agendaItems', a.item).set('minutes', Number.NaN));
  invalidFor(facilitator, 'an entry id with a slash', (d) => d.getMap('agendaItems').set('../x', new Y.Map()));
  invalidFor(facilitator, 'amendments that are not a map', (d) => entry(d, 'proposals', a.plain).set('amendments', { x: 1 }));
  invalidFor(keeper, 'a speaker time of a year', (d) => d.getMap('stack').set('speakerSeconds', 3e7));
  invalidFor(facilitator, 'maps nested 10 deep', (d) => {
    let m = entry(d, 'agendaItems', a.item);
    for (let i = 0; i < 10; i++) {
      const inner = new Y.Map<unknown>();
      m.set('title', inner);
      m = inner;
    }
  });
  invalidFor(facilitator, 'a subdocument', (d) => d.getMap('meta').set('title', new Y.Doc() as unknown as string));
});

describe('[F4] notes documents: only their rich text, by their own writers', () => {
  const notes = new Y.Doc();
  notes.getXmlFragment('notes').push([new Y.XmlElement('paragraph')]);
  it('[F4] a table’s note-taker and a facilitator write notes and the report-back', () => {
    for (const g of [table1, facilitator]) {
      expect(verdict(g, 'a1/breakout/i1-t1', notes, (d) => (d.getXmlFragment('notes').get(0) as Y.XmlElement).insert(0, [new Y.XmlText('hi')])).ok).toBe(true);
      expect(verdict(g, 'a1/breakout/i1-t1', notes, (d) => d.getXmlFragment('reportBack').push([new Y.XmlElement('paragraph')])).ok).toBe(true);
    }
    expect(verdict(plenaryNotes, 'a1/notes/i1', notes, (d) => d.getXmlFragment('notes').push([new Y.XmlElement('paragraph')])).ok).toBe(true);
  });
  it('[F4] any other top-level type, or a keyed write on the fragment, is refused', () => {
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, (d) => d.getMap('meta').set('title', 'x')).ok).toBe(false);
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, (d) => d.getText('shadow').insert(0, 'x')).ok).toBe(false);
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, (d) => d.getMap('notes').set('k', 1)).ok).toBe(false);
  });
  it('[F4] 20,000 nested blockquotes are refused; a deep but sane outline is taken', () => {
    // Built one level at a time inside the document, as a script would (no recursion anywhere).
    const nest = (depth: number) => (d: Y.Doc) => {
      let at: Y.XmlFragment | Y.XmlElement = d.getXmlFragment('notes');
      d.transact(() => {
        for (let i = 0; i < depth; i++) {
          const inner = new Y.XmlElement('blockquote');
          at.insert(at.length, [inner]);
          at = inner;
        }
      });
    };
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, nest(20_000))).toMatchObject({ ok: false, code: 'invalid' });
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, nest(20)).ok).toBe(true);
  });
});

describe('[F5] updates whose dependencies have not arrived are not judged (or applied) yet', () => {
  it('[F5] an update that builds on changes the server never saw', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getMap('meta').set('title', 'one');
    const missing = Y.encodeStateAsUpdate(client);
    const sv = Y.encodeStateVector(client);
    client.getMap('meta').set('place', 'Hall');
    const dependent = Y.encodeStateAsUpdate(client, sv);
    expect(missing.length).toBeGreaterThan(0);
    const guard = new WriteGuard(parseDocName('a1/plenary')!, server);
    expect(guard.check(facilitator, dependent)).toMatchObject({ ok: false, code: 'missing' });
    // Nothing of it stays in the guard's copy: the whole update applies cleanly afterwards.
    expect(guard.check(facilitator, Y.mergeUpdates([missing, dependent])).ok).toBe(true);
  });
});

describe('[F6] a refused update leaves no trace in the copy the next check starts from', () => {
  it('[F6] a change built on a refused one is refused too (the refused one is not in the copy)', () => {
    const a = assembly();
    const guard = new WriteGuard(parseDocName('a1/plenary')!, a.doc);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(a.doc));
    let sv = Y.encodeStateVector(client);
    const forged = new Y.Map<unknown>();
    client.getMap('stackEntries').set('forged', forged);
    forged.set('name', 'Somebody');
    forged.set('kind', 'speak');
    forged.set('owner', 'tag-guess');
    expect(guard.check(keeper, Y.encodeStateAsUpdate(client, sv))).toMatchObject({ ok: false, code: 'forbidden' });
    sv = Y.encodeStateVector(client);
    forged.set('status', 'spoken');
    expect(guard.check(keeper, Y.encodeStateAsUpdate(client, sv))).toMatchObject({ ok: false, code: 'missing' });
    // An unrelated allowed change still goes through.
    expect(
      guard.check(
        keeper,
        crafted(a.doc, (d) => d.getMap('stack').set('hideNames', true)),
      ).ok,
    ).toBe(true);
  });
});

describe('[F2] what the room voted on stays as it was voted', () => {
  const a = assembly();
  it('[F2] a voted proposal’s text, item and creation time do not change or vanish; its outcome and actions do', () => {
    for (const change of [
      (d: Y.Doc) => entry(d, 'proposals', a.voted).set('text', 'Strike on May 2'),
      (d: Y.Doc) => entry(d, 'proposals', a.voted).delete('itemId'),
      (d: Y.Doc) => entry(d, 'proposals', a.voted).delete('createdAt'),
    ]) {
      expect(verdict(facilitator, 'a1/plenary', a.doc, change)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(verdict(facilitator, 'a1/plenary', a.doc, (d) => entry(d, 'proposals', a.voted).set('outcome', 'carried')).ok).toBe(true);
    expect(
      verdict(facilitator, 'a1/plenary', a.doc, (d) =>
        (entry(d, 'proposals', a.voted).get('actions') as Y.Map<unknown>).set('act1', { what: 'Print flyers', who: 'Comms', due: '', at: 8_000 }),
      ).ok,
    ).toBe(true);
  });
});

describe('[F2] a vote the server marked interrupted', () => {
  it('[F2] its proposal stays editable by facilitators, and its vote stays the server’s', () => {
    const a = assembly();
    a.doc.transact(() => entry(a.doc, 'proposals', a.plain).set('vote', { open: false, cast: 0, closed: false, interrupted: true }));
    expect(verdict(facilitator, 'a1/plenary', a.doc, (d) => entry(d, 'proposals', a.plain).set('text', 'Thank the cooks, again')).ok).toBe(true);
    expect(verdict(facilitator, 'a1/plenary', a.doc, (d) => entry(d, 'proposals', a.plain).set('vote', { open: true, cast: 0, closed: false }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('[F3] lookalikes: a shared type where the model keeps a plain value, or list content in a map', () => {
  const a = assembly();
  const refused = (g: Grant, what: string, change: (d: Y.Doc) => void) =>
    it(`[F3] ${g.role}: ${what}`, () => expect(verdict(g, 'a1/plenary', a.doc, change)).toMatchObject({ ok: false, code: 'invalid' }));
  refused(keeper, 'a phone hand’s owner swapped for a Y.Text of the same text', (d) => {
    const e = entry(d, 'stackEntries', a.phoneHand);
    e.set('owner', new Y.Text(String(e.get('owner'))));
  });
  refused(keeper, 'a report-back’s text swapped for a Y.Text', (d) => entry(d, 'stackEntries', a.report).set('text', new Y.Text('A strike fund')));
  refused(facilitator, 'a vote swapped for a lookalike Y.Map', (d) =>
    entry(d, 'proposals', a.open).set(
      'vote',
      new Y.Map<unknown>([
        ['open', true],
        ['cast', 0],
        ['closed', false],
      ]),
    ),
  );
  refused(facilitator, 'counts as a Y.Map', (d) => entry(d, 'proposals', a.plain).set('counts', new Y.Map<unknown>([['for', 1]])));
  refused(facilitator, 'prompts as a Y.Array', (d) => entry(d, 'breakoutRounds', a.item).set('prompts', Y.Array.from(['What next?'])));
  refused(keeper, 'hidden list content inside a stack entry', (d) => {
    // Y.Map keeps list items it never shows in toJSON: insert one as the protocol allows.
    const e = entry(d, 'stackEntries', a.hand) as unknown as Y.AbstractType<unknown>;
    (Y.Array.prototype.insert as (this: unknown, i: number, c: unknown[]) => void).call(e, 0, ['x'.repeat(100_000)]);
  });
  refused(facilitator, 'a Y.Text at the top of the plenary document', (d) => d.getText('meta').insert(0, 'x'));
});

describe('[F4] notes hold only elements and text', () => {
  const notes = new Y.Doc();
  notes.getXmlFragment('notes').push([new Y.XmlElement('paragraph')]);
  const refusedNotes = (what: string, change: (d: Y.Doc) => void) =>
    it(`[F4] ${what}`, () => expect(verdict(table1, 'a1/breakout/i1-t1', notes, change)).toMatchObject({ ok: false, code: 'invalid' }));
  refusedNotes('a Y.Map inside the fragment (crashed the editor for the whole table)', (d) =>
    d.getXmlFragment('notes').push([new Y.Map() as unknown as Y.XmlElement]),
  );
  refusedNotes('a Y.Text inside the fragment', (d) => d.getXmlFragment('reportBack').push([new Y.Text('x') as unknown as Y.XmlElement]));
  refusedNotes('plain values in the fragment', (d) => d.getText('notes').insert(0, 'plain'));
  refusedNotes('a shared type as an attribute', (d) =>
    (d.getXmlFragment('notes').get(0) as Y.XmlElement).setAttribute('level', new Y.Map() as unknown as string),
  );
  it('[F4] a paragraph with formatted text and an attribute is taken', () => {
    const change = (d: Y.Doc) => {
      const p = new Y.XmlElement('heading');
      d.getXmlFragment('notes').push([p]);
      p.setAttribute('level', '2');
      const t = new Y.XmlText();
      p.insert(0, [t]);
      t.insert(0, 'Strike fund', { bold: true });
    };
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, change).ok).toBe(true);
  });
});

describe('[F2][F3][F4] round two of the adversarial review', () => {
  const a = assembly();
  it('[F2] a phone vote result no vote produced: counts typed on a phone-method proposal are refused', () => {
    expect(
      verdict(facilitator, 'a1/plenary', a.doc, (d) => {
        const p = entry(d, 'proposals', a.plain);
        p.set('method', 'phone');
        p.set('counts', { for: 412, against: 3, abstain: 1 });
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(verdict(facilitator, 'a1/plenary', a.doc, (d) => entry(d, 'proposals', a.plain).set('method', 'phone')).ok).toBe(true);
  });
  it('[F3] a map value that is several values, or a string run, is refused (all but the last were hidden from the shape check)', () => {
    /** Writes raw `content` under `key` of `map`, as a hand-made update can. */
    const setRaw = (d: Y.Doc, map: Y.Map<unknown>, key: string, content: Y.ContentAny | Y.ContentString | Y.ContentBinary) =>
      d.transact((tr) => {
        const left = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key) ?? null;
        const item = new Y.Item(Y.createID(d.clientID, Y.getState(d.store, d.clientID)), left, left && left.lastId, null, null, map as never, key, content);
        item.integrate(tr, 0);
      });
    for (const content of [
      new Y.ContentAny(['X'.repeat(200_000), 'Ana']),
      new Y.ContentString('Y'.repeat(200_000) + 'a'),
      new Y.ContentBinary(new Uint8Array(1000)),
    ]) {
      expect(verdict(keeper, 'a1/plenary', a.doc, (d) => setRaw(d, entry(d, 'stackEntries', a.hand), 'name', content))).toMatchObject({
        ok: false,
        code: 'invalid',
      });
    }
    expect(verdict(keeper, 'a1/plenary', a.doc, (d) => setRaw(d, entry(d, 'stackEntries', a.hand), 'status', new Y.ContentAny(['withdrawn'])))).toEqual({
      ok: true,
    });
  });
  it('[F4] a bare text at the top of a notes fragment is refused (it crashed the editor)', () => {
    const notes = new Y.Doc();
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, (d) => d.getXmlFragment('notes').push([new Y.XmlText('hi')]))).toMatchObject({
      ok: false,
      code: 'invalid',
    });
  });
});

describe('[F4] text holds characters and formatting only', () => {
  it('[F4] an embed or a plain value inside text is refused; formatted characters are taken', () => {
    const notes = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    notes.getXmlFragment('notes').push([p]);
    p.insert(0, [new Y.XmlText('hello')]);
    const text = (d: Y.Doc) => (d.getXmlFragment('notes').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, (d) => text(d).insertEmbed(0, { x: 'y'.repeat(1000) }))).toMatchObject({ ok: false, code: 'invalid' });
    expect(verdict(table1, 'a1/breakout/i1-t1', notes, (d) => text(d).insert(5, ' world', { bold: true })).ok).toBe(true);
  });
});
