/**
 * What a hall's phones share when they render the same state ([PF23], [PF24]): the room encodes
 * its state once per change, its base64 once per encoding, and a server render decodes it once.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDocName } from '../../server/sync/doc-name.js';
import { Room } from '../../server/sync/room.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import { silentLogger } from '../../server/logger.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { toBase64 } from '../../app/utils/guards.server.js';
import { renderedDoc } from '../../app/collab/rendered-docs.js';

it('[PF24] the room encodes its state once per change, and the change is in the next one', async () => {
  const room = await Room.load(parseDocName('a1/plenary')!, new SqliteStore(':memory:'), silentLogger, { compactAfter: 1000 });
  const first = room.stateAsUpdate();
  expect(room.stateAsUpdate()).toBe(first);
  expect(toBase64(room.stateAsUpdate())).toBe(toBase64(first));

  addItem(room.doc, { title: 'Strike vote', kind: 'proposal', minutes: 20 });
  const second = room.stateAsUpdate();
  expect(second).not.toBe(first);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, second);
  expect(readAgenda(copy).map((i) => i.title)).toEqual(['Strike vote']);
  await room.flush();
});

it('[PF23] a server render decodes a state once, and a new state afresh', () => {
  const doc = new Y.Doc();
  addItem(doc, { title: 'Report back', kind: 'discussion', minutes: 10 });
  const state = toBase64(Y.encodeStateAsUpdate(doc));
  const a = renderedDoc('a1/plenary', state);
  expect(renderedDoc('a1/plenary', state)).toBe(a);
  expect(renderedDoc('a2/plenary', state)).not.toBe(a);
  expect(readAgenda(a).map((i) => i.title)).toEqual(['Report back']);

  addItem(doc, { title: 'Next action', kind: 'discussion', minutes: 5 });
  const later = renderedDoc('a1/plenary', toBase64(Y.encodeStateAsUpdate(doc)));
  expect(later).not.toBe(a);
  expect(readAgenda(later).map((i) => i.title)).toEqual(['Report back', 'Next action']);
});

it('[PF23] sixteen states are kept: the oldest goes first', () => {
  const states = Array.from({ length: 17 }, (_, i) => {
    const doc = new Y.Doc();
    doc.getMap('m').set('i', i);
    return toBase64(Y.encodeStateAsUpdate(doc));
  });
  const first = renderedDoc('x/plenary', states[0]);
  for (const s of states.slice(1)) renderedDoc('x/plenary', s);
  expect(renderedDoc('x/plenary', states[0])).not.toBe(first);
  expect(renderedDoc('x/plenary', states[16])).toBe(renderedDoc('x/plenary', states[16]));
});
