/**
 * [T4] Every instant written to a document is a whole number of milliseconds, through the real
 * clock path (a screen's offset estimate → model writes), and readers order old fractional ones
 * right. Issue 12, defect 2: proposals, amendments and actions came out in random order.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measureOffset, offsetFrom } from '../../app/collab/server-clock.js';
import { addAction, addAmendment, addProposal, readProposals, setOutcome } from '../../app/model/proposals.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { goToItem, nextItem } from '../../app/model/run.js';
import { raiseHand, readEntries } from '../../app/model/stack.js';
import { seeded } from '../helpers/random.js';

describe('[T4] whole-millisecond instants', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`[T4] seed ${seed}: the offset is whole, every instant written is whole, and proposals keep the order they were made in`, async () => {
      const random = seeded(seed);
      // A server whose clock is ahead by a fractional amount, answering after a random delay.
      const skew = 420_000 + random() * 1000;
      const offset = await measureOffset(async () => Date.now() + skew + random(), 5);
      expect(Number.isInteger(offset)).toBe(true);
      expect(Number.isInteger(offsetFrom([{ sentAt: 1, serverNow: 10, receivedAt: 4 }]))).toBe(true);

      const doc = new Y.Doc();
      const item = addItem(doc, { title: 'Proposals', kind: 'proposal', minutes: 30 });
      // Screens that still send fractional times (an old page) are rounded by the model too.
      let t = 1_700_000_000_000 + random();
      const at = () => (t += 1 + random() * 3);
      goToItem(doc, item, at());
      const made: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = addProposal(doc, { itemId: item, text: `Proposal ${i}` }, at());
        made.push(id);
        addAmendment(doc, id, { text: `Amendment ${i}a` }, at());
        addAmendment(doc, id, { text: `Amendment ${i}b` }, at());
        addAction(doc, id, { what: `Action ${i}` }, at());
        if (i % 3 === 0) setOutcome(doc, id, 'carried', at());
      }
      raiseHand(doc, { name: 'Amina', kind: 'speak' }, at());
      nextItem(doc, at());
      const proposals = readProposals(doc);
      expect(proposals.map((p) => p.id)).toEqual(made);
      for (const p of proposals) {
        expect(Number.isInteger(p.createdAt)).toBe(true);
        expect(p.amendments.map((a) => a.text)).toEqual([`${p.text.replace('Proposal', 'Amendment')}a`, `${p.text.replace('Proposal', 'Amendment')}b`]);
      }
      const written = JSON.stringify(doc.toJSON());
      // No number with a fractional part anywhere in the document.
      expect(written).not.toMatch(/\d\.\d/);
      expect(readEntries(doc).every((e) => Number.isInteger(e.raisedAt))).toBe(true);
      expect(readAgenda(doc).every((i) => i.startedAt === null || Number.isInteger(i.startedAt))).toBe(true);
    });
  }

  it('[T4] old documents with fractional instants still read in the order they were made', () => {
    const doc = new Y.Doc();
    const proposals = doc.getMap('proposals');
    for (let i = 0; i < 5; i++) {
      const m = new Y.Map<unknown>();
      proposals.set(`p${'zyxwv'[i]}`, m);
      m.set('itemId', 'i1');
      m.set('text', `Proposal ${i}`);
      m.set('createdAt', 1_700_000_000_000.25 + i * 1.5);
      m.set('method', 'hands');
      m.set('amendments', new Y.Map());
      m.set('actions', new Y.Map());
    }
    expect(readProposals(doc).map((p) => p.text)).toEqual(['Proposal 0', 'Proposal 1', 'Proposal 2', 'Proposal 3', 'Proposal 4']);
  });
});
