import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, eventually, sleep } from '../helpers/clients.js';
import { spawnServer } from '../helpers/child-server.js';
import { createAssembly, tempDataDir } from '../helpers/server.js';
import { addItem, readAgenda, removeItem } from '../../app/model/agenda.js';
import { resetTimer } from '../../app/model/timers.js';
import { firstText } from '../helpers/notes.js';

/** True when `known` already holds everything in `seen` (applying it changes nothing). */
function holdsEverything(known: Y.Doc, seen: Y.Doc): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(known));
  let changed = false;
  copy.on('update', () => (changed = true));
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(seen));
  return !changed;
}

describe('durability', () => {
  it('[S6] after kill -9 and a restart, everything any client saw is there', async () => {
    const dataDir = tempDataDir();
    const first = await spawnServer(dataDir);
    const asm = await createAssembly(first.url);
    const plenary = `${asm.id}/plenary`;
    const w1 = connect(first.syncUrl, plenary, asm.facilitatorToken);
    const w2 = connect(first.syncUrl, plenary, asm.facilitatorToken);
    const reader = connect(first.syncUrl, plenary, asm.attendeeToken);
    const notes = `${asm.id}/breakout/g1`;
    const noteWriter = connect(first.syncUrl, notes, asm.facilitatorToken);
    const noteReader = connect(first.syncUrl, notes, asm.attendeeToken);
    await Promise.all([w1.synced, w2.synced, reader.synced, noteWriter.synced, noteReader.synced]);

    // Writes keep flowing while the server is killed mid-stream.
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing) {
        n++;
        addItem(w1.doc, { title: `item ${n}`, kind: 'discussion', minutes: 5 });
        resetTimer(w2.doc, 'item', n * 1000);
        const first = readAgenda(w2.doc)[0];
        if (n % 3 === 0 && first) removeItem(w2.doc, first.id);
        firstText(noteWriter.doc).insert(0, `${n} `);
        await sleep(2);
      }
    })();
    await eventually(() => expect(readAgenda(reader.doc).length).toBeGreaterThan(100), { timeout: 10_000 });
    first.process.kill('SIGKILL');
    await first.exited;
    writing = false;
    await writer;
    const seen = [reader.doc, noteReader.doc].map((d) => Y.encodeStateAsUpdate(d));
    for (const c of [w1, w2, reader, noteWriter, noteReader]) c.destroy();

    const second = await spawnServer(dataDir);
    try {
      const after = connect(second.syncUrl, plenary, asm.facilitatorToken);
      const afterNotes = connect(second.syncUrl, notes, asm.facilitatorToken);
      await Promise.all([after.synced, afterNotes.synced]);
      const seenPlenary = new Y.Doc();
      Y.applyUpdate(seenPlenary, seen[0]);
      const seenNotes = new Y.Doc();
      Y.applyUpdate(seenNotes, seen[1]);
      expect(readAgenda(seenPlenary).length).toBeGreaterThan(100);
      expect(holdsEverything(after.doc, seenPlenary)).toBe(true);
      expect(holdsEverything(afterNotes.doc, seenNotes)).toBe(true);
      // The credentials survived the restart too.
      expect(after.provider.wsconnected).toBe(true);
      after.destroy();
      afterNotes.destroy();
    } finally {
      second.process.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});
