import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, setCurrent } from '../../app/model/agenda.js';
import {
  BreakoutError,
  broadcast,
  endRoundWithReports,
  extendRound,
  joinTable,
  moveTable,
  planRound,
  readRound,
  roundsMap,
  startRound,
  tableOf,
  tablesFor,
} from '../../app/model/breakouts.js';
import { appendParagraph, fragmentLength, fragmentToMarkdown, fragmentToText, notesFragment } from '../../app/model/notes.js';
import { nextSpeaker, readStack } from '../../app/model/stack.js';

function room() {
  const doc = new Y.Doc();
  const item = addItem(doc, { title: 'Breakouts by workplace', kind: 'breakout', minutes: 30 });
  setCurrent(doc, item, 0);
  return { doc, item };
}

describe('breakout rounds', () => {
  it('[BR1] plans, starts, extends, broadcasts and seats people at tables', () => {
    const { doc, item } = room();
    planRound(doc, item, {
      prompts: ['What is your workplace ready to do?', ' ', 'What do you need?'],
      minutes: 20,
      assignment: 'language',
      tables: [{ label: 'Español' }, { label: 'Soomaali' }, { label: 'English' }],
    });
    let round = readRound(doc)!;
    expect(round.prompts).toEqual(['What is your workplace ready to do?', 'What do you need?']);
    expect(round.tables.map((t) => [t.id, t.number, t.label])).toEqual([
      [`${item}-t1`, 1, 'Español'],
      [`${item}-t2`, 2, 'Soomaali'],
      [`${item}-t3`, 3, 'English'],
    ]);
    startRound(doc, item, 1_000);
    extendRound(doc, item, 5);
    broadcast(doc, item, ' 5 minutes left ', 2_000);
    const [t1, t2, t3] = readRound(doc)!.tables.map((t) => t.id);
    joinTable(doc, item, 'seat-a', t2);
    joinTable(doc, item, 'seat-a', t1); // changed her mind: one seat
    joinTable(doc, item, 'seat-b', t3);
    round = readRound(doc)!;
    expect(round).toMatchObject({ status: 'running', startedAt: 1_000, endsAt: 1_000 + 25 * 60_000, message: '5 minutes left', messageAt: 2_000 });
    expect(round.members).toEqual([
      { key: 'seat-a', tableId: t1 },
      { key: 'seat-b', tableId: t3 },
    ]);
    expect(tableOf(round, 'seat-a')?.label).toBe('Español');
    expect(() => joinTable(doc, item, 'seat-c', `${item}-t9`)).toThrow(BreakoutError);
    // A facilitator merges table 3 into table 1: nobody's name is needed, none is stored.
    expect(moveTable(doc, item, t3, t1)).toBe(1);
    expect(tableOf(readRound(doc)!, 'seat-b')?.id).toBe(t1);
    // What the document stores of the seating is seat key → table id, and nothing else.
    const stored = (roundsMap(doc).get(item) as Y.Map<unknown>).get('members') as Y.Map<unknown>;
    expect(stored.toJSON()).toEqual({ 'seat-a': t1, 'seat-b': t1 });
  });

  it('[BR1] refuses rounds that make no sense', () => {
    const { doc, item } = room();
    const ok = { prompts: [], minutes: 20, assignment: 'topic' as const, tables: [{ label: 'Housing' }] };
    expect(() => planRound(doc, item, { ...ok, minutes: 0 })).toThrow(/1 to 240/);
    expect(() => planRound(doc, item, { ...ok, tables: [] })).toThrow(/tables/);
    expect(() => planRound(doc, item, { ...ok, tables: [{ label: '' }] })).toThrow(/topic or language/);
    expect(() => planRound(doc, item, { ...ok, prompts: ['x'.repeat(301)] })).toThrow(/at most/);
    expect(tablesFor(200, 8)).toBe(25);
    expect(tablesFor(3, 8)).toBe(1);
  });

  it('[BR1] another item’s round has its own tables: no notes carried over', () => {
    const { doc, item } = room();
    const other = addItem(doc, { title: 'Second breakouts', kind: 'breakout', minutes: 20 });
    const plan = { prompts: [], minutes: 10, assignment: 'count-off' as const, tables: [{ label: '' }] };
    planRound(doc, item, plan);
    planRound(doc, other, plan);
    expect(readRound(doc, item)!.tables[0].id).not.toBe(readRound(doc, other)!.tables[0].id);
  });

  it('[BR2] ending a round puts each table’s report-back on the stack, in table order', () => {
    const { doc, item } = room();
    planRound(doc, item, { prompts: [], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }, { label: '' }] });
    startRound(doc, item, 0);
    const reports = new Map([
      [`${item}-t3`, 'Nurses: walk out at 7'],
      [`${item}-t1`, 'Drivers: honk at noon'],
      [`${item}-t2`, '  '],
    ]);
    // A table name over the stack's 60 characters is shortened, never refused half-way.
    endRoundWithReports(doc, item, reports, (t) => (t.number === 3 ? `Table 3 · ${'very long topic '.repeat(6)}` : `Table ${t.number}`), 600_000);
    expect(readRound(doc)!.status).toBe('ended');
    const queue = readStack(doc).queue;
    expect(queue.map((e) => [e.name.slice(0, 9), e.kind, e.text])).toEqual([
      ['Table 1', 'report', 'Drivers: honk at noon'],
      ['Table 3 ·', 'report', 'Nurses: walk out at 7'],
    ]);
    expect(queue[1].name.length).toBe(60);
    nextSpeaker(doc, 601_000);
    expect(readStack(doc).speaker?.text).toBe('Drivers: honk at noon');
  });
});

describe('notes documents', () => {
  it('[BR3] read as Markdown and text on the server, with no editor', () => {
    const doc = new Y.Doc();
    const notes = notesFragment(doc);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2' as never);
    heading.insert(0, [new Y.XmlText('Demands')]);
    const list = new Y.XmlElement('bulletList');
    for (const text of ['Safe staffing', 'Pay <raise> now']) {
      const li = new Y.XmlElement('listItem');
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText(text);
      if (text.startsWith('Safe')) t.format(0, 4, { bold: true });
      p.insert(0, [t]);
      li.insert(0, [p]);
      list.push([li]);
    }
    notes.push([heading, list]);
    appendParagraph(doc, 'notes', 'Next meeting Thursday.');
    expect(fragmentToMarkdown(notes)).toBe('## Demands\n- Safe staffing\n- Pay <raise> now\nNext meeting Thursday.');
    expect(fragmentToText(notes)).toBe('Demands\nSafe staffing\nPay <raise> now\nNext meeting Thursday.');
    expect(fragmentLength(notes)).toBe('DemandsSafestaffingPay<raise>nowNextmeetingThursday.'.length);
  });
});
