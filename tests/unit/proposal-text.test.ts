/**
 * The text the room votes on ([D5]–[D7]), the rule it carries by in the document ([D8]–[D11]) and
 * what the projector shows ([D13]), through the model functions the console calls.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import i18next from 'i18next';
import en from '../../app/i18n/locales/en.json';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { draftMinutes } from '../../app/model/minutes.js';
import { readMeta } from '../../app/model/meta.js';
import {
  addAmendment,
  addProposal,
  closeVote,
  currentProposal,
  decideAmendment,
  getProposal,
  MAX_REVISIONS,
  openVote,
  ProposalError,
  setHandCount,
  setOutcome,
} from '../../app/model/proposals.js';
import { reviseText, setDecisionRule, setPresent, showProposal } from '../../app/model/proposal-edits.js';
import { suggestedOutcome, suggestion } from '../../app/model/decision-suggest.js';
import { goToItem } from '../../app/model/run.js';
import { explainSuggestion } from '../../app/model/decision-text.js';
import { seeded } from '../helpers/random.js';

const t = i18next.createInstance();
await t.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
const tr = t.t.bind(t) as (key: string, options?: Record<string, unknown>) => string;

function room() {
  const doc = new Y.Doc();
  const item = addItem(doc, { title: 'Proposals', kind: 'proposal', minutes: 30 });
  goToItem(doc, item, 1_000);
  return { doc, item };
}

describe('[D5] an amended text keeps what it said before', () => {
  it('[D5] editing the text after an accepted amendment keeps the earlier text, who and when (whole ms)', () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'Strike on May 1' }, 2_000);
    const a = addAmendment(doc, id, { text: 'add: with a strike fund' }, 2_500);
    decideAmendment(doc, id, a, true);
    reviseText(doc, id, 'Strike on May 1, with a strike fund', { now: 3_000.6, editor: 'Ana' });
    const p = getProposal(doc, id)!;
    expect(p.text).toBe('Strike on May 1, with a strike fund');
    expect(p.revisions).toMatchObject([{ text: 'Strike on May 1', by: 'Ana', at: 3_001 }]);
    expect(p.amendments).toMatchObject([{ text: 'add: with a strike fund', accepted: true }]);
    // The same text again is no change and no revision.
    reviseText(doc, id, ' Strike on May 1, with a strike fund ', { now: 4_000 });
    expect(getProposal(doc, id)!.revisions).toHaveLength(1);
  });

  it(`[D5] the history is bounded at ${MAX_REVISIONS}; the original always stays first`, () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'v0' }, 1);
    for (let i = 1; i <= 120; i++) reviseText(doc, id, `v${i}`, { now: 10 + i });
    const p = getProposal(doc, id)!;
    expect(p.revisions).toHaveLength(MAX_REVISIONS);
    expect(p.revisions[0].text).toBe('v0');
    expect(p.revisions.at(-1)!.text).toBe('v119');
    expect(p.text).toBe('v120');
  });

  it('[D5] two facilitators editing at once: both earlier texts kept, the history within what the server takes', () => {
    const rng = seeded(7);
    for (let round = 0; round < 20; round++) {
      const { doc, item } = room();
      const id = addProposal(doc, { itemId: item, text: 'v0' }, 1);
      for (let i = 1; i < MAX_REVISIONS + Math.floor(rng() * 5); i++) reviseText(doc, id, `v${i}`, { now: 10 + i });
      const a = new Y.Doc();
      const b = new Y.Doc();
      Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(doc));
      reviseText(a, id, 'from A', { now: 500, editor: 'A' });
      reviseText(b, id, 'from B', { now: 500, editor: 'B' });
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      const pa = getProposal(a, id)!;
      expect(pa).toEqual(getProposal(b, id));
      expect(pa.revisions[0].text).toBe('v0');
      expect(pa.revisions.length).toBeLessThanOrEqual(MAX_REVISIONS + 1);
      expect(pa.revisions.filter((r) => r.by === 'A' || r.by === 'B')).toHaveLength(2);
    }
  });

  it('[D5] a text put to a phone vote does not change', () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'Strike on May 1' }, 2_000);
    openVote(doc, id);
    expect(() => reviseText(doc, id, 'Something else', { now: 3_000 })).toThrow(ProposalError);
    expect(() => setDecisionRule(doc, id, { threshold: 'two-thirds' })).toThrow(ProposalError);
  });
});

describe('[D9][D10] the suggestion from the proposal, as the console shows it', () => {
  it('[D10] "34 for, 12 against: 73% ≥ 2/3 — carried; quorum 40, 46 present: met"', () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'Strike on May 1' }, 2_000);
    setDecisionRule(doc, id, { threshold: 'two-thirds', quorum: 'present', quorumMin: 40 });
    setHandCount(doc, id, { for: 34, against: 12, abstain: 3 });
    expect(suggestedOutcome(getProposal(doc, id)!)).toBeNull(); // no head count yet
    setPresent(doc, id, 46);
    const p = getProposal(doc, id)!;
    expect(explainSuggestion(tr, suggestion(p)!, p.rule)).toEqual({
      reasons: ['34 for, 12 against: 73% ≥ 2/3', 'Quorum 40, 46 present: met'],
      outcome: 'Suggested: carried',
    });
    setPresent(doc, id, 39);
    expect(suggestedOutcome(getProposal(doc, id)!)).toBe('no-quorum');
  });

  it('[D9] a phone vote uses the eligible voters the server counted when it closed', () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'Strike on May 1' }, 2_000);
    setDecisionRule(doc, id, { quorum: 'eligible', quorumPercent: 50 });
    openVote(doc, id);
    expect(suggestedOutcome(getProposal(doc, id)!, 10)).toBeNull(); // open: no result yet ([V13])
    closeVote(doc, id, { for: 20, against: 2, abstain: 1 }, 45);
    expect(getProposal(doc, id)!.vote.eligible).toBe(45);
    // 23 of 45 took part: met, whatever the roll says now.
    expect(suggestedOutcome(getProposal(doc, id)!, 1000)).toBe('carried');
  });

  it('[D8] N for consensus minus N is 0..10, whole', () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'x' }, 2_000);
    for (const n of [-1, 11, 2.5, Number.NaN]) expect(() => setDecisionRule(doc, id, { blocksAllowed: n })).toThrow(ProposalError);
    setDecisionRule(doc, id, { threshold: 'consensus-minus-n', blocksAllowed: 10 });
    expect(getProposal(doc, id)!.rule).toMatchObject({ threshold: 'consensus-minus-n', blocksAllowed: 10 });
  });
});

describe('[D13] the projector shows what the facilitator chose; nothing moves by itself', () => {
  it('[D13] adding a second proposal or recording an outcome does not change what is shown', () => {
    const { doc, item } = room();
    const first = addProposal(doc, { itemId: item, text: 'First' }, 2_000);
    expect(currentProposal(doc, item)!.id).toBe(first);
    const second = addProposal(doc, { itemId: item, text: 'Second' }, 3_000);
    expect(currentProposal(doc, item)!.id).toBe(first);
    showProposal(doc, second);
    expect(currentProposal(doc, item)!.id).toBe(second);
    addProposal(doc, { itemId: item, text: 'Third' }, 4_000);
    setHandCount(doc, second, { for: 3, against: 1, abstain: 0 });
    setOutcome(doc, second, 'carried', 5_000);
    expect(currentProposal(doc, item)!.id).toBe(second);
    setOutcome(doc, first, 'failed', 6_000);
    expect(currentProposal(doc, item)!.id).toBe(second);
  });

  it('[D13] opening a phone vote shows it, and it stays shown with its result after closing', () => {
    const { doc, item } = room();
    const first = addProposal(doc, { itemId: item, text: 'First' }, 2_000);
    const second = addProposal(doc, { itemId: item, text: 'Second' }, 3_000);
    showProposal(doc, first);
    openVote(doc, second);
    expect(currentProposal(doc, item)!.id).toBe(second);
    closeVote(doc, second, { for: 1, against: 0, abstain: 0 });
    expect(currentProposal(doc, item)!.id).toBe(second);
  });

  it('[D13] a choice from another item does not follow the room to the next item', () => {
    const { doc, item } = room();
    const p = addProposal(doc, { itemId: item, text: 'First' }, 2_000);
    showProposal(doc, p);
    const next = addItem(doc, { title: 'Next', kind: 'discussion', minutes: 5 });
    goToItem(doc, next, 3_000);
    expect(currentProposal(doc, next)).toBeNull();
  });
});

describe('[D7][D11] the minutes: the final text, the original, accepted amendments, threshold and quorum', () => {
  it('[D11] records the rule, the quorum and whether it was met', () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'Strike on May 1' }, 2_000);
    const a = addAmendment(doc, id, { text: 'with a strike fund' }, 2_100);
    decideAmendment(doc, id, a, true);
    reviseText(doc, id, 'Strike on May 1, with a strike fund', { now: 2_200 });
    setDecisionRule(doc, id, { threshold: 'two-thirds', quorum: 'present', quorumMin: 40 });
    setHandCount(doc, id, { for: 34, against: 12, abstain: 0 });
    setPresent(doc, id, 46);
    setOutcome(doc, id, 'carried', 3_000);
    const md = draftMinutes(tr, {
      meta: readMeta(doc),
      agenda: readAgenda(doc),
      currentItemId: item,
      now: 4_000,
      notes: {},
      reportBacks: {},
      proposals: [getProposal(doc, id)!],
      attendance: null,
      speakers: [],
      includeNames: false,
    });
    expect(md).toContain('### Proposal: Strike on May 1, with a strike fund');
    expect(md).toContain('Amended. Original text: Strike on May 1');
    expect(md).toContain('- Amendment: with a strike fund (accepted)');
    expect(md).toContain('- Threshold: Two thirds: for is at least 2/3 of for + against (abstentions not counted)');
    expect(md).toContain('- Quorum: 40 people present — Quorum 40, 46 present: met');
  });
});

describe('[R3][D12] hostile values in the new fields read as their defaults, bounded', () => {
  it('[R3] a bad threshold, N, quorum, head count, eligible count, choice or history never sizes a loop or reaches a page', () => {
    const { doc, item } = room();
    const id = addProposal(doc, { itemId: item, text: 'Strike' }, 2_000);
    const map = doc.getMap('proposals').get(id) as Y.Map<unknown>;
    doc.transact(() => {
      map.set('threshold', 'three-quarters');
      map.set('blocksAllowed', 99);
      map.set('quorum', 'everyone');
      map.set('quorumMin', 0.5);
      map.set('quorumPercent', Number.NaN);
      map.set('present', -5);
      map.set('vote', { open: false, cast: 0, closed: true, eligible: 'all' });
      const revisions = new Y.Map<unknown>();
      map.set('revisions', revisions);
      revisions.set('first', { text: 'the original', by: 'x', at: 1 });
      for (let i = 0; i < 600; i++) revisions.set(`r${i}`, { text: 'y'.repeat(20_000), by: 7, at: 10 + i });
      revisions.set('junk', 'not an object');
      doc.getMap('run').set('shownProposalId', 42);
    });
    const p = getProposal(doc, id)!;
    expect(p.rule).toEqual({ threshold: 'simple', blocksAllowed: 0, quorum: 'none', quorumMin: 1, quorumPercent: 50 });
    expect(p.present).toBeNull();
    expect(p.vote.eligible).toBeUndefined();
    expect(p.revisions.length).toBeLessThanOrEqual(MAX_REVISIONS + 10);
    expect(p.revisions[0].text).toBe('the original');
    expect(p.revisions.every((r) => r.text.length <= 2000 && typeof r.by === 'string')).toBe(true);
    expect(currentProposal(doc, item)!.id).toBe(id);
    // Not a map at all: no history.
    map.set('revisions', 'lots');
    expect(getProposal(doc, id)!.revisions).toEqual([]);
  });
});
