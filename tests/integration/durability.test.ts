import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, eventually, sleep, type Client } from '../helpers/clients.js';
import { spawnServer } from '../helpers/child-server.js';
import { createAssembly, startTestServer, tempDataDir } from '../helpers/server.js';
import { readMeta, setMeta } from '../../app/model/meta.js';
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

/** A document as the database file holds it now, read on a connection of its own. */
function storedNow(db: Database.Database, name: string): Y.Doc {
  const doc = new Y.Doc();
  const snapshot = db.prepare('SELECT data FROM doc_snapshots WHERE doc = ?').get(name) as { data: Buffer } | undefined;
  if (snapshot) Y.applyUpdate(doc, snapshot.data);
  for (const row of db.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq').all(name) as { data: Buffer }[]) Y.applyUpdate(doc, row.data);
  return doc;
}

/** A promise and the function that settles it. */
function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('durability', () => {
  it('[S6] no client is sent a change the store does not hold: a stalled save relays nothing, a failing one neither', async () => {
    const server = await startTestServer();
    const clients: Client[] = [];
    const db = new Database(path.join(server.dataDir, 'plenary.sqlite'), { readonly: true });
    const save = server.store.appendUpdates.bind(server.store);
    const stall = gate();
    try {
      const asm = await createAssembly(server.url);
      const name = `${asm.id}/plenary`;
      const writer = connect(server.syncUrl, name, asm.facilitatorToken, { presence: true });
      const watcher = connect(server.syncUrl, name, asm.facilitatorToken, { presence: true });
      const reader = connect(server.syncUrl, name, asm.attendeeToken);
      clients.push(writer, watcher, reader);
      await Promise.all(clients.map((c) => c.synced));
      // Every change the server sends is checked against the database file the moment it arrives.
      const unstored: string[] = [];
      for (const [who, c] of [
        ['watcher', watcher],
        ['reader', reader],
      ] as const) {
        c.doc.on('update', (_update: Uint8Array, origin: unknown) => {
          if (origin === c.provider && !holdsEverything(storedNow(db, name), c.doc)) unstored.push(`${who}: ${JSON.stringify(readMeta(c.doc))}`);
        });
      }
      /**
       * The writer's presence reaches the watcher over the watcher's own socket after anything the
       * server sent it before: once the watcher sees `label`, a relay made before it would be there.
       */
      const barrier = async (label: string) => {
        writer.provider.awareness.setLocalStateField('user', { name: label });
        await eventually(() => expect([...watcher.provider.awareness.getStates().values()].map((s) => s.user?.name)).toContain(label));
      };

      // A save that takes its time: the change is applied on the server, not yet stored.
      let saves = 0;
      server.store.appendUpdates = async (doc, updates) => {
        saves++;
        await stall.opened;
        return save(doc, updates);
      };
      setMeta(writer.doc, { place: 'Stalled hall' });
      await eventually(() => expect(saves).toBe(1));
      await barrier('after the stalled save began');
      expect(readMeta(watcher.doc).place).not.toBe('Stalled hall');
      expect(readMeta(reader.doc).place).not.toBe('Stalled hall');
      stall.open();
      await eventually(() => expect([readMeta(watcher.doc).place, readMeta(reader.doc).place]).toEqual(['Stalled hall', 'Stalled hall']));

      // A save that fails, and fails again on the retry: nothing is relayed until one succeeds.
      let failures = 0;
      server.store.appendUpdates = async () => {
        failures++;
        throw new Error('disk full');
      };
      setMeta(writer.doc, { place: 'Failing hall' });
      await eventually(() => expect(failures).toBeGreaterThanOrEqual(2));
      await barrier('after two failed saves');
      expect(readMeta(watcher.doc).place).toBe('Stalled hall');
      expect(readMeta(reader.doc).place).toBe('Stalled hall');
      server.store.appendUpdates = save;
      await eventually(() => expect([readMeta(watcher.doc).place, readMeta(reader.doc).place]).toEqual(['Failing hall', 'Failing hall']));
      expect(unstored).toEqual([]);
    } finally {
      // A failed check must not leave the save stalled: closing the server waits for it.
      stall.open();
      server.store.appendUpdates = save;
      for (const c of clients) c.destroy();
      db.close();
      await server.close();
    }
  });

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
