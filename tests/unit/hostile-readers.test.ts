/**
 * Every reader in app/model tolerates any shape a writer can put into a document: a bad entry is
 * skipped, a bad field reads as its default, and no number in the document sizes a loop.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, currentItemId, itemsMap, readAgenda, runMap, schedule } from '../../app/model/agenda.js';
import { joinTable, MAX_TABLES, planRound, readRound, readRounds, roundsMap, startRound } from '../../app/model/breakouts.js';
import { readMeta, metaMap } from '../../app/model/meta.js';
import { draftMinutes } from '../../app/model/minutes.js';
import { fragmentLength, fragmentToMarkdown, fragmentToText, MAX_DEPTH, MAX_MARKDOWN, notesFragment, reportFragment } from '../../app/model/notes.js';
import { addProposal, countCast, getProposal, openVote, proposalsMap, readProposals } from '../../app/model/proposals.js';
import { goToItem, readAnnouncement } from '../../app/model/run.js';
import { entriesMap, history, namesSeen, raiseHand, readStack, StackError, stackMap, withdraw } from '../../app/model/stack.js';
import { readTimer, timersMap } from '../../app/model/timers.js';
import { skippedInPlenary } from '../../app/model/audit.js';
import { hostileValue, mutateNotes, mutatePlenary, pushNested, seeded } from '../helpers/hostile.js';

const t = (key: string) => key;

/** A plenary document with one of everything, the way the UI makes it. */
function room() {
  const doc = new Y.Doc();
  const item = addItem(doc, { title: 'Open floor', kind: 'discussion', minutes: 20 });
  goToItem(doc, item, 1_000);
  planRound(doc, item, { prompts: ['What now?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  startRound(doc, item, 2_000);
  const proposal = addProposal(doc, { itemId: item, text: 'Strike on Monday' }, 3_000);
  openVote(doc, proposal);
  const hand = raiseHand(doc, { name: 'Amina', kind: 'speak' }, 4_000);
  return { doc, item, proposal, hand };
}

/** Everything the pages and commands read. */
function readEverything(doc: Y.Doc) {
  const agenda = readAgenda(doc);
  return {
    agenda,
    current: currentItemId(doc),
    schedule: schedule(doc, 10_000),
    stack: readStack(doc),
    history: history(doc),
    names: namesSeen(doc),
    round: readRound(doc),
    rounds: readRounds(doc),
    proposals: readProposals(doc),
    meta: readMeta(doc),
    timers: [readTimer(doc, 'item'), readTimer(doc, 'speaker')],
    announcement: readAnnouncement(doc),
    minutes: draftMinutes(t, {
      meta: readMeta(doc),
      agenda,
      currentItemId: currentItemId(doc),
      now: 10_000,
      notes: {},
      reportBacks: {},
      proposals: readProposals(doc),
      attendance: null,
      speakers: history(doc),
      includeNames: true,
    }),
  };
}

describe('[R3] numbers in a document never size a loop', () => {
  it('a tableCount of 200,000 (or 20,000,000) reads as no tables, at once', () => {
    const { doc, item } = room();
    for (const count of [200_000, 20_000_000]) {
      (roundsMap(doc).get(item) as Y.Map<unknown>).set('tableCount', count);
      const started = performance.now();
      expect(readRound(doc)!.tables).toEqual([]);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('a tableCount that is not a whole number from 1 to 100 reads as no tables; 1 to 100 read as they are', () => {
    const { doc, item } = room();
    const round = roundsMap(doc).get(item) as Y.Map<unknown>;
    for (const bad of [MAX_TABLES + 1, 0, -3, 2.5, NaN, Infinity, '5', null, [5]]) {
      round.set('tableCount', bad);
      expect(readRound(doc)!.tables, String(bad)).toHaveLength(0);
    }
    round.set('tableCount', MAX_TABLES);
    expect(readRound(doc)!.tables).toHaveLength(MAX_TABLES);
  });

  it('huge label, prompt and temperature arrays are read only as far as they matter', () => {
    const { doc, item, proposal } = room();
    const round = roundsMap(doc).get(item) as Y.Map<unknown>;
    round.set(
      'labels',
      Array.from({ length: 100_000 }, () => 'x'.repeat(1000)),
    );
    round.set(
      'prompts',
      Array.from({ length: 100_000 }, () => 'p'),
    );
    (proposalsMap(doc).get(proposal) as Y.Map<unknown>).set(
      'temperature',
      Array.from({ length: 100_000 }, () => 1),
    );
    const r = readRound(doc)!;
    expect(r.prompts.length).toBeLessThanOrEqual(20);
    expect(r.tables.every((table) => table.label.length <= 100)).toBe(true);
    expect(getProposal(doc, proposal)!.temperature).toHaveLength(6);
  });

  it('NaN, infinities and negatives read as defaults', () => {
    const { doc, item, hand } = room();
    const entry = itemsMap(doc).get(item) as Y.Map<unknown>;
    entry.set('minutes', NaN);
    entry.set('position', Infinity);
    entry.set('usedMs', -5);
    (entriesMap(doc).get(hand) as Y.Map<unknown>).set('raisedAt', NaN);
    (timersMap(doc).get('item') as Y.Map<unknown>).set('durationMs', -Infinity);
    stackMap(doc).set('speakerSeconds', NaN);
    const read = readEverything(doc);
    expect(read.agenda[0]).toMatchObject({ minutes: 0, position: 0, usedMs: 0 });
    expect(read.stack.queue[0].raisedAt).toBe(0);
    expect(read.timers[0]!.durationMs).toBe(0);
    expect(read.stack.settings.speakerSeconds).toBe(120);
    expect(Number.isFinite(read.schedule.projectedMinutes)).toBe(true);
  });
});

describe('[R4] entries of the wrong shape are skipped', () => {
  const shapes: [string, () => unknown][] = [
    ['a number', () => 5],
    ['a string', () => 'an item'],
    ['a plain object', () => ({ title: 'forged', get: 1 })],
    ['a Y.Array', () => Y.Array.from([1, 2])],
    ['a Y.Text', () => new Y.Text('x')],
    ['null', () => null],
  ];

  for (const [what, make] of shapes) {
    it(`an agenda item, stack entry, round, proposal or timer that is ${what}`, () => {
      const { doc, item, proposal, hand } = room();
      itemsMap(doc).set('x', make());
      entriesMap(doc).set('y', make());
      proposalsMap(doc).set('z', make());
      timersMap(doc).set('speaker', make());
      const read = readEverything(doc);
      expect(read.agenda.map((i) => i.id)).toEqual([item]);
      expect(read.stack.queue.map((e) => e.id)).toEqual([hand]);
      expect(read.proposals.map((p) => p.id)).toEqual([proposal]);
      expect(read.timers[1]).toBeNull();
      expect(getProposal(doc, 'z')).toBeNull();
      expect(() => withdraw(doc, 'y')).toThrow(StackError);

      // The room is on the bad item: as if no item were current. The bad round: as if none.
      runMap(doc).set('currentItemId', 'x');
      roundsMap(doc).set(item, make());
      itemsMap(doc).set(item, make());
      proposalsMap(doc).set(proposal, make());
      const after = readEverything(doc);
      expect(after.current).toBeNull();
      expect(after.agenda).toEqual([]);
      expect(after.round).toBeNull();
      expect(after.rounds).toEqual([]);
      expect(() => countCast(doc, proposal)).toThrow(/no such proposal/);
      // A hand still goes up (under no item), as the server's command does it.
      expect(raiseHand(doc, { name: 'Ben', kind: 'speak' }, 5_000)).toBeTruthy();
    });
  }

  it('a round whose seats are not a map still seats a phone (the seats start again)', () => {
    const { doc, item } = room();
    (roundsMap(doc).get(item) as Y.Map<unknown>).set('members', 'junk');
    expect(readRound(doc)!.members).toEqual([]);
    joinTable(doc, item, 'seat-1', `${item}-t1`);
    expect(readRound(doc)!.members).toEqual([{ key: 'seat-1', tableId: `${item}-t1` }]);
  });

  it('amendments and actions that are not plain objects are skipped; meta fields of the wrong type read as empty', () => {
    const { doc, proposal } = room();
    const p = proposalsMap(doc).get(proposal) as Y.Map<unknown>;
    (p.get('amendments') as Y.Map<unknown>).set('a', 7);
    (p.get('amendments') as Y.Map<unknown>).set('b', new Y.Map());
    (p.get('actions') as Y.Map<unknown>).set('c', { what: 5, who: ['x'], due: { y: 1 } });
    p.set('vote', 'open');
    p.set('counts', [1, 2, 3]);
    metaMap(doc).set('title', 12);
    metaMap(doc).set('languages', 'en');
    metaMap(doc).set('place', new Y.Map());
    metaMap(doc).set('timeZone', ['America/Chicago']);
    const read = getProposal(doc, proposal)!;
    expect(read.amendments).toEqual([]);
    expect(read.actions).toEqual([{ id: 'c', what: '', who: '', due: '' }]);
    expect(read.vote).toEqual({ open: false, cast: 0, closed: false });
    expect(readMeta(doc)).toEqual({ title: '', startsAt: null, place: null, languages: [], timeZone: null });
  });

  it('dates and instants that no date can show read as none (a page formats them as dates)', () => {
    const { doc, item, proposal } = room();
    metaMap(doc).set('startsAt', 'next Tuesday');
    expect(readMeta(doc).startsAt).toBeNull();
    metaMap(doc).set('startsAt', '2026-02-31T18:00');
    expect(readMeta(doc).startsAt).toBeNull();
    metaMap(doc).set('startsAt', '2026-03-14T18:00');
    expect(readMeta(doc).startsAt).toBe('2026-03-14T18:00');
    (itemsMap(doc).get(item) as Y.Map<unknown>).set('endedAt', 1e308);
    expect(readAgenda(doc)[0].endedAt).toBeNull();
    const actions = (proposalsMap(doc).get(proposal) as Y.Map<unknown>).get('actions') as Y.Map<unknown>;
    actions.set('a', { what: 'Leaflet', who: 'Us', due: '9999-99-99', at: 1 });
    actions.set('b', { what: 'Picket', who: 'All', due: '2026-04-01', at: 2 });
    expect(getProposal(doc, proposal)!.actions.map((a) => a.due)).toEqual(['', '2026-04-01']);
  });

  it('huge strings are cut', () => {
    const { doc, item, hand } = room();
    (itemsMap(doc).get(item) as Y.Map<unknown>).set('title', 'T'.repeat(1_000_000));
    (entriesMap(doc).get(hand) as Y.Map<unknown>).set('name', 'N'.repeat(1_000_000));
    metaMap(doc).set('title', 'M'.repeat(1_000_000));
    const read = readEverything(doc);
    expect(read.agenda[0].title.length).toBeLessThanOrEqual(1000);
    expect(read.stack.queue[0].name.length).toBeLessThanOrEqual(200);
    expect(read.meta.title.length).toBeLessThanOrEqual(1000);
  });

  it('[R7] the entries skipped are named for the server to log', () => {
    const { doc, item } = room();
    expect(skippedInPlenary(doc)).toEqual({ count: 0, paths: [] });
    itemsMap(doc).set('x', 5);
    proposalsMap(doc).set('p', 'no');
    roundsMap(doc).set(item, []);
    expect(skippedInPlenary(doc)).toEqual({ count: 3, paths: ['agendaItems/x', `breakoutRounds/${item}`, 'proposals/p'] });
  });

  it('item ids that could not name a document are skipped', () => {
    const doc = new Y.Doc();
    const map = new Y.Map<unknown>();
    itemsMap(doc).set('../other/plenary', map);
    map.set('title', 'forged');
    expect(readAgenda(doc)).toEqual([]);
  });
});

describe('[R5] rich text of any depth reads as bounded Markdown', () => {
  it('20,000 nested blockquotes read without overflowing the stack, their words kept', () => {
    const doc = new Y.Doc();
    pushNested(notesFragment(doc), 20_000);
    pushNested(reportFragment(doc), 20_000);
    const markdown = fragmentToMarkdown(notesFragment(doc));
    expect(markdown).toContain('deep point');
    // Structure is kept to MAX_DEPTH levels, then flattened.
    expect(markdown.split('\n')[0].match(/> /g)!.length).toBeLessThanOrEqual(MAX_DEPTH);
    expect(fragmentToText(reportFragment(doc))).toContain('deep point');
    expect(fragmentLength(reportFragment(doc))).toBeGreaterThan(0);
  });

  it('deep lists and inline nesting read too', () => {
    const doc = new Y.Doc();
    pushNested(notesFragment(doc), 5_000, ['bulletList', 'listItem']);
    const p = new Y.XmlElement('paragraph');
    notesFragment(doc).push([p]);
    pushNested(p, 20_000, ['bold'], 'inline words');
    const markdown = fragmentToMarkdown(notesFragment(doc));
    expect(markdown).toContain('inline words');
    expect(markdown).toContain('deep point');
  });

  it('the Markdown is bounded however much text there is', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 30; i++) notesFragment(doc).push([new Y.XmlText('w'.repeat(100_000))]);
    expect(fragmentToMarkdown(notesFragment(doc)).length).toBeLessThanOrEqual(MAX_MARKDOWN + 1);
  });

  it('nodes that are not XML, and odd headings, are read or skipped', () => {
    const doc = new Y.Doc();
    const f = notesFragment(doc);
    f.push([5 as unknown as Y.XmlText, new Y.Map() as unknown as Y.XmlText]);
    const heading = new Y.XmlElement('heading');
    f.push([heading]);
    heading.setAttribute('level', '1e9');
    heading.insert(0, [new Y.XmlText('Title')]);
    expect(fragmentToMarkdown(f)).toBe('###### Title');
  });

  it('a notes field taken by another kind of type reads as empty', () => {
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'plain text, not XML');
    expect(fragmentToMarkdown(notesFragment(doc))).toBe('');
  });
});

describe('[R6] seeded hostile documents: every reader still answers', () => {
  for (const seed of [1, 2, 3, 7, 42, 1337, 2024, 99991]) {
    it(`seed ${seed}`, () => {
      const rng = seeded(seed);
      const { doc } = room();
      for (let round = 0; round < 8; round++) {
        mutatePlenary(doc, rng, 25);
        const started = performance.now();
        const read = readEverything(doc);
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(read.round === null || read.round.tables.length <= MAX_TABLES).toBe(true);
        // Whatever the shapes, what comes out has the types the pages expect.
        for (const i of read.agenda) expect(typeof i.title === 'string' && Number.isFinite(i.minutes) && Number.isFinite(i.position)).toBe(true);
        for (const p of read.proposals) expect(p.temperature.every((n) => Number.isInteger(n))).toBe(true);
        expect(typeof read.minutes).toBe('string');
      }
      const notes = new Y.Doc();
      mutateNotes(notes, 'notes', rng, 6);
      expect(typeof fragmentToMarkdown(notesFragment(notes))).toBe('string');
      expect(hostileValue(rng)).not.toBe(Symbol.for('never'));
    });
  }
});
