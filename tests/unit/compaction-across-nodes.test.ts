/**
 * [SO5] A room compacting on one node must not drop an update another node stored that this
 * node's copy of the document has not seen yet (a relay still on its way, or a lower sequence
 * that committed late). Room.compact asks the store to fold the rows it holds; each backend runs
 * the same interleaving: our edit, the other node's edit stored behind our back, our edit, compact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../../server/logger.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { Room } from '../../server/sync/room.js';
import { storeBackends } from '../helpers/store-backends.js';

function updateOf(fn: (d: Y.Doc) => void): Uint8Array {
  const d = new Y.Doc();
  let u: Uint8Array | null = null;
  d.on('update', (x: Uint8Array) => (u = u ? Y.mergeUpdates([u, x]) : x));
  fn(d);
  return u!;
}

describe.each(storeBackends())('[SO5] compaction across nodes: $name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('[SO5] a room compacting keeps the update another node stored that it never saw', async () => {
    const { store, sibling } = await backend.open();
    const other = await sibling();
    await store.createAssembly({ id: 'a1', title: 'Hall', createdAt: 1 });
    const name = parseDocName('a1/notes/i1')!;
    const room = await Room.load(name, store, silentLogger, { compactAfter: 1000 });
    room.doc.getText('t').insert(0, 'first ');
    await room.flush();
    // Node B stores an edit; node A's room has not heard of it (its relay is still on the way).
    await other.appendUpdates(name.name, [updateOf((d) => d.getMap('m').set('from', 'node B'))]);
    room.doc.getText('t').insert(6, 'second');
    await room.flush();
    await room.compact();

    const stored = await other.loadDoc(name.name);
    expect(stored.snapshot).not.toBeNull();
    const copy = new Y.Doc();
    for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(copy, part);
    expect(copy.getText('t').toString()).toBe('first second');
    expect(copy.getMap('m').get('from')).toBe('node B');
    room.discard();
    await store.close();
  });
});
