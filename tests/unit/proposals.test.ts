import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createI18n } from '../../app/i18n/i18n.js';
import en from '../../app/i18n/locales/en.json';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { draftMinutes } from '../../app/model/minutes.js';
import { readMeta, setMeta } from '../../app/model/meta.js';
import {
  addAction,
  addAmendment,
  addProposal,
  closeVote,
  countCast,
  decideAmendment,
  editProposal,
  getProposal,
  openVote,
  ProposalError,
  readProposals,
  setConsensus,
  setHandCount,
  setOutcome,
  setTemperature,
  showsCounts,
} from '../../app/model/proposals.js';
import { suggestedOutcome } from '../../app/model/decision-suggest.js';
import { goToItem, nextItem } from '../../app/model/run.js';
import { history, nextSpeaker, raiseHand } from '../../app/model/stack.js';

const t = createI18n('en', en);

describe('[V1] proposals, tallies and outcomes', () => {
  it('a hand count suggests the outcome; the facilitators record it', () => {
    const doc = new Y.Doc();
    const id = addProposal(doc, { itemId: 'i1', text: 'Strike on Friday', by: 'Khadra' }, 1);
    setHandCount(doc, id, { for: 120, against: 14, abstain: 9 });
    expect(suggestedOutcome(getProposal(doc, id)!)).toBe('carried');
    setHandCount(doc, id, { for: 10, against: 10, abstain: 0 });
    expect(suggestedOutcome(getProposal(doc, id)!)).toBe('failed'); // a tie does not carry
    setOutcome(doc, id, 'tabled', 5);
    expect(getProposal(doc, id)).toMatchObject({ outcome: 'tabled', decidedAt: 5 });
    expect(() => setHandCount(doc, id, { for: -1, against: 0, abstain: 0 })).toThrow(ProposalError);
    expect(() => setHandCount(doc, id, { for: 1.5, against: 0, abstain: 0 })).toThrow(/whole number/);
  });

  it('consensus fails on a block; a temperature check records every point of its scale', () => {
    const doc = new Y.Doc();
    const id = addProposal(doc, { itemId: 'i1', text: 'Adopt the demands', method: 'consensus' }, 1);
    setConsensus(doc, id, 0, 3);
    expect(suggestedOutcome(getProposal(doc, id)!)).toBe('carried');
    setConsensus(doc, id, 1, 3);
    expect(suggestedOutcome(getProposal(doc, id)!)).toBe('failed');
    editProposal(doc, id, { method: 'temperature', scale: 'agree-unsure-disagree' });
    expect(() => setTemperature(doc, id, [1, 2, 3, 4, 5, 6])).toThrow(/3 points/);
    setTemperature(doc, id, [40, 12, 3]);
    expect(getProposal(doc, id)!.temperature).toEqual([40, 12, 3]);
    expect(suggestedOutcome(getProposal(doc, id)!)).toBeNull();
  });

  it('a phone vote shows only how many voted until it closes with the server’s tally', () => {
    const doc = new Y.Doc();
    const id = addProposal(doc, { itemId: 'i1', text: 'Join the march' }, 1);
    expect(() => countCast(doc, id)).toThrow(/not open/);
    openVote(doc, id);
    countCast(doc, id);
    countCast(doc, id);
    countCast(doc, id);
    expect(getProposal(doc, id)).toMatchObject({ method: 'phone', vote: { open: true, cast: 3, closed: false }, counts: { for: 0, against: 0, abstain: 0 } });
    expect(() => setOutcome(doc, id, 'carried', 2)).toThrow(/close the phone vote/);
    closeVote(doc, id, { for: 2, against: 1, abstain: 0 });
    expect(getProposal(doc, id)).toMatchObject({ vote: { open: false, cast: 3, closed: true }, counts: { for: 2, against: 1, abstain: 0 } });
    expect(() => openVote(doc, id)).toThrow(/closed/);
  });

  it('amendments and action items keep the order they were added in', () => {
    const doc = new Y.Doc();
    const id = addProposal(doc, { itemId: 'i1', text: 'Strike fund' }, 1);
    const a = addAmendment(doc, id, { text: 'Add $5 dues', by: 'Tou' }, 2);
    addAmendment(doc, id, { text: 'Monthly report', by: 'Rosa' }, 3);
    decideAmendment(doc, id, a, true);
    addAction(doc, id, { what: 'Open the account', who: 'Finance committee', due: '2026-02-01' }, 4);
    expect(() => addAction(doc, id, { what: 'x', due: 'Friday' }, 5)).toThrow(/YYYY-MM-DD/);
    const p = getProposal(doc, id)!;
    expect(p.amendments.map((x) => [x.text, x.accepted])).toEqual([
      ['Add $5 dues', true],
      ['Monthly report', null],
    ]);
    expect(p.actions).toEqual([expect.objectContaining({ what: 'Open the account', who: 'Finance committee', due: '2026-02-01' })]);
  });
});

describe("[V13] a phone vote's counts are a result only once the vote closed", () => {
  /** A proposal as a hostile writer or an interrupted vote can leave it: "phone", counts, no closed vote. */
  function unclosed(vote: Record<string, unknown>) {
    const doc = new Y.Doc();
    const item = addItem(doc, { title: 'Motions', kind: 'proposal', minutes: 10 });
    const id = addProposal(doc, { itemId: item, text: 'Dissolve the union' }, 1);
    const map = doc.getMap('proposals').get(id) as Y.Map<unknown>;
    doc.transact(() => {
      map.set('method', 'phone');
      map.set('counts', { for: 412, against: 3, abstain: 1 });
      map.set('vote', vote);
    });
    setOutcome(doc, id, 'carried', 2);
    return { doc, id };
  }
  const minutesOf = (doc: Y.Doc) =>
    draftMinutes(t.t.bind(t) as never, {
      meta: readMeta(doc),
      agenda: readAgenda(doc),
      currentItemId: null,
      now: 5,
      notes: {},
      reportBacks: {},
      proposals: readProposals(doc),
      attendance: null,
      speakers: [],
      includeNames: false,
    });

  it.each([
    ['never opened', { open: false, cast: 0, closed: false }],
    ['interrupted', { open: false, cast: 0, closed: false, interrupted: true }],
  ])('%s: no counts shown, none suggested, none in the minutes (the outcome as recorded)', (_, vote) => {
    const { doc, id } = unclosed(vote);
    const p = getProposal(doc, id)!;
    expect(showsCounts(p)).toBe(false);
    expect(suggestedOutcome(p)).toBeNull();
    const minutes = minutesOf(doc);
    expect(minutes).not.toContain('412');
    expect(minutes).toContain('Phone vote: no result (the vote was not closed)');
    expect(minutes).toContain('**Outcome: Carried**');
  });

  it('closed by the server: its counts are the result', () => {
    const doc = new Y.Doc();
    const item = addItem(doc, { title: 'Motions', kind: 'proposal', minutes: 10 });
    const id = addProposal(doc, { itemId: item, text: 'Keep the union' }, 1);
    openVote(doc, id);
    closeVote(doc, id, { for: 30, against: 4, abstain: 2 });
    const p = getProposal(doc, id)!;
    expect(showsCounts(p)).toBe(true);
    expect(suggestedOutcome(p)).toBe('carried');
    expect(minutesOf(doc)).toContain('Phone vote: For 30, Against 4, Abstain 2');
  });
});

describe('[V2] the minutes draft, from a document built by the model', () => {
  function assembly() {
    const doc = new Y.Doc();
    setMeta(doc, { title: 'Twin Cities assembly', startsAt: '2026-01-23T10:00', place: 'Union hall', languages: ['en', 'es'] });
    const welcome = addItem(doc, { title: 'Welcome', kind: 'welcome', minutes: 10 });
    const vote = addItem(doc, { title: 'Strike vote', kind: 'proposal', minutes: 30 });
    addItem(doc, { title: 'Closing', kind: 'closing', minutes: 5 });
    addItem(doc, { title: 'Social', kind: 'break', minutes: 60 });
    goToItem(doc, welcome, 0);
    raiseHand(doc, { name: 'Guadalupe', kind: 'speak' }, 1);
    nextSpeaker(doc, 2);
    nextItem(doc, 12 * 60_000);
    const id = addProposal(doc, { itemId: vote, text: 'Strike on Friday', by: 'Khadra' }, 13 * 60_000);
    addAmendment(doc, id, { text: 'Start at 7am', by: 'Tou' }, 14 * 60_000);
    setHandCount(doc, id, { for: 120, against: 14, abstain: 9 });
    setOutcome(doc, id, 'carried', 40 * 60_000);
    addAction(doc, id, { what: 'Print flyers', who: 'Outreach committee', due: '2026-01-25' }, 41 * 60_000);
    nextItem(doc, 45 * 60_000);
    return { doc, welcome, vote };
  }
  const input = (doc: Y.Doc, welcome: string, includeNames: boolean) => ({
    meta: readMeta(doc),
    agenda: readAgenda(doc),
    currentItemId: null,
    now: 50 * 60_000,
    notes: { [welcome]: '- Community agreements read in English and Spanish' },
    reportBacks: { [welcome]: [{ table: '2 · Soomaali', text: 'Night shift walks out' }] },
    proposals: readProposals(doc),
    attendance: 143,
    speakers: history(doc),
    includeNames,
  });

  it('has every item with its time, the notes, report-backs, the decision with its counts and the actions, and no names', () => {
    const { doc, welcome } = assembly();
    const md = draftMinutes(t.t.bind(t), input(doc, welcome, false));
    expect(md).toContain('# Twin Cities assembly');
    expect(md).toContain('143 people attended.');
    expect(md).toContain('## 1. Welcome\nTook 12 min (planned 10).');
    expect(md).toContain('- Community agreements read in English and Spanish');
    expect(md).toContain('- **Table 2 · Soomaali**: Night shift walks out');
    expect(md).toContain('### Proposal: Strike on Friday');
    expect(md).toContain('Hand count: For 120, Against 14, Abstain 9');
    expect(md).toContain('**Outcome: Carried**');
    expect(md).toContain('- Print flyers — Outreach committee — by 2026-01-25');
    expect(md).toContain('## 2. Strike vote\nTook 33 min (planned 30).');
    expect(md).toContain('## 4. Social\nNot reached.');
    for (const name of ['Khadra', 'Tou', 'Guadalupe']) expect(md).not.toContain(name);
  });

  it('keeps the names only when the facilitators choose to', () => {
    const { doc, welcome } = assembly();
    const md = draftMinutes(t.t.bind(t), input(doc, welcome, true));
    expect(md).toContain('Brought by Khadra.');
    expect(md).toContain('(not decided, Tou)');
    expect(md).toContain('## Who spoke\n- Guadalupe (1)');
  });
});

describe('[F2] what the room voted on by phone stays as voted', () => {
  it('[F2] no amendment is added or decided once the phone vote opened (the server would cut the console off)', () => {
    const doc = new Y.Doc();
    const id = addProposal(doc, { itemId: 'i1', text: 'Strike on May 1' }, 1_000);
    const amendment = addAmendment(doc, id, { text: 'and May 2' }, 1_100);
    openVote(doc, id);
    expect(() => addAmendment(doc, id, { text: 'and May 3' }, 1_200)).toThrow(ProposalError);
    expect(() => decideAmendment(doc, id, amendment, true)).toThrow(ProposalError);
  });
});
