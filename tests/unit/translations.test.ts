import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem } from '../../app/model/agenda.js';
import { planRound } from '../../app/model/breakouts.js';
import { addAction, addAmendment, addProposal } from '../../app/model/proposals.js';
import { setAnnouncement } from '../../app/model/run.js';
import {
  amendmentKey,
  ANNOUNCEMENT_KEY,
  interpretedLanguages,
  itemDescriptionKey,
  itemTitleKey,
  markInterpreted,
  MAX_TRANSLATION,
  promptKey,
  proposalKey,
  readTranslations,
  setTranslation,
  shown,
  sourceText,
  sourceTexts,
} from '../../app/model/translations.js';
import { hostileValue, seeded } from '../helpers/hostile.js';

describe('[L20] what there is to translate', () => {
  it('[L86] lists the room’s texts in the order the room meets them, empty ones left out', () => {
    const doc = new Y.Doc();
    setAnnouncement(doc, 'Lunch at 1');
    const a = addItem(doc, { title: 'Welcome', kind: 'welcome', minutes: 5 });
    const b = addItem(doc, { title: 'Breakouts', kind: 'breakout', minutes: 30, description: 'Tables of eight' });
    planRound(doc, b, { prompts: ['What stops us?', 'Who else?'], minutes: 20, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
    const p = addProposal(doc, { itemId: b, text: 'We strike on Monday' }, 1);
    const am = addAmendment(doc, p, { text: 'On Tuesday instead' }, 2);
    const ac = addAction(doc, p, { what: 'Print flyers', who: 'Local 12' }, 3);
    expect(sourceTexts(doc).map((s) => [s.key, s.kind, s.text])).toEqual([
      [ANNOUNCEMENT_KEY, 'announcement', 'Lunch at 1'],
      [itemTitleKey(a), 'title', 'Welcome'],
      [itemTitleKey(b), 'title', 'Breakouts'],
      [itemDescriptionKey(b), 'description', 'Tables of eight'],
      [promptKey(b, 0), 'prompt', 'What stops us?'],
      [promptKey(b, 1), 'prompt', 'Who else?'],
      [proposalKey(p), 'proposal', 'We strike on Monday'],
      [amendmentKey(p, am), 'amendment', 'On Tuesday instead'],
    ]);
    expect(sourceText(doc, itemTitleKey(b))).toBe('Breakouts');
    expect(sourceText(doc, itemTitleKey('gone'))).toBeNull();
    // [L86] no phone or projector shows an action item: it is not on the interpreter's list.
    expect(sourceText(doc, `action:${p}:${ac}`)).toBeNull();
  });
});

describe('[L21] a translation is current only for the source it was made from', () => {
  it('current, stale (with the old translation), none', () => {
    const t = { text: 'Ku soo dhawoow', source: 'Welcome', at: 5 };
    expect(shown('Welcome', t)).toEqual({ state: 'current', text: 'Ku soo dhawoow', original: 'Welcome' });
    expect(shown('Welcome, everyone', t)).toEqual({ state: 'stale', text: 'Welcome, everyone', outdated: 'Ku soo dhawoow' });
    expect(shown('Welcome', undefined)).toEqual({ state: 'none', text: 'Welcome' });
  });

  it('setTranslation writes, replaces and (empty) removes; it bounds the text', () => {
    const doc = new Y.Doc();
    setTranslation(doc, 'announcement', '  Qado  ', 'Lunch', 10);
    expect(readTranslations(doc).get('announcement')).toEqual({ text: 'Qado', source: 'Lunch', at: 10 });
    setTranslation(doc, 'announcement', '', 'Lunch', 11);
    expect(readTranslations(doc).has('announcement')).toBe(false);
    expect(() => setTranslation(doc, 'announcement', 'x'.repeat(MAX_TRANSLATION + 1), 'Lunch', 12)).toThrow();
  });

  it('[L22] the plenary lists interpreted languages, marked once', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    markInterpreted(doc, 'so');
    markInterpreted(doc, 'so');
    markInterpreted(doc, 'ar');
    expect(interpretedLanguages(doc)).toEqual(['ar', 'so']);
    expect(updates).toBe(2);
  });
});

describe('hostile shapes: readers skip what they cannot read', () => {
  it('any value in the translations map or the interpreted root reads without throwing', () => {
    const rng = seeded(14);
    for (let round = 0; round < 50; round++) {
      const doc = new Y.Doc();
      const map = doc.getMap<unknown>('translations');
      const roots = doc.getMap<unknown>('interpreted');
      for (let i = 0; i < 10; i++) {
        map.set(`k${i}`, hostileValue(rng));
        roots.set(i % 2 ? `l${i}` : 'Not A Tag!', hostileValue(rng));
      }
      map.set('x'.repeat(500), { text: 'long key', source: 's', at: 1 });
      map.set('ok', { text: 'fine', source: 's', at: Number.NaN });
      const read = readTranslations(doc);
      expect(read.get('ok')).toEqual({ text: 'fine', source: 's', at: 0 });
      expect(read.has('x'.repeat(500))).toBe(false);
      for (const t of read.values()) {
        expect(typeof t.text).toBe('string');
        expect(typeof t.source).toBe('string');
      }
      expect(interpretedLanguages(doc).every((l) => /^[a-z]{2,3}/.test(l))).toBe(true);
    }
  });
});
