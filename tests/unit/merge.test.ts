import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeMany } from '../../server/sync/merge.js';

it('[S5] merging many updates gives the same document as applying them one by one', () => {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  const text = source.getText('t');
  for (let i = 0; i < 5000; i++) {
    if (i % 7 === 3 && text.length > 2) text.delete(i % text.length, 1);
    else text.insert(i % (text.length + 1), String.fromCharCode(97 + (i % 26)));
  }
  source.getMap('m').set('k', 'v');
  const merged = mergeMany(updates);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, merged);
  expect(copy.getText('t').toString()).toBe(text.toString());
  expect(copy.getMap('m').get('k')).toBe('v');
  expect(mergeMany([updates[0]])).toBe(updates[0]);
});
