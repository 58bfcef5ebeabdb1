import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDocName } from '../../server/sync/doc-name.js';
import type { Room } from '../../server/sync/room.js';
import { clientPool, connect, eventually, settled } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { readMeta, setMeta } from '../../app/model/meta.js';
import { appendParagraph, fragmentToText, REPORT_FIELD, reportFragment } from '../../app/model/notes.js';
import { readAnnouncement, setAnnouncement } from '../../app/model/run.js';
import { firstText, plainText } from '../helpers/notes.js';

let server: TestServer;
let assembly: CreatedAssembly;
const pool = clientPool();
const open = pool.open;

beforeAll(async () => {
  server = await startTestServer();
  assembly = await createAssembly(server.url, 'Twin Cities general assembly');
});

afterAll(async () => {
  pool.destroyAll();
  await server.close();
});

/** Runs `use` on the server's live room of `name` (loading it if needed), then lets it go. */
async function withRoom(name: string, use: (room: Room) => unknown): Promise<void> {
  const room = await server.rooms.acquire(parseDocName(name)!);
  try {
    await use(room);
  } finally {
    server.rooms.release(room);
  }
}

/** What storage holds for a document, as a fresh Y.Doc would load it. */
async function storedDoc(name: string): Promise<Y.Doc> {
  await withRoom(name, (room) => room.flush());
  const stored = await server.store.loadDoc(name);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('sync with stock y-websocket clients', () => {
  it('[S1][S2] two facilitators converge on concurrent edits', async () => {
    const doc = `${assembly.id}/plenary`;
    const a = open(server.syncUrl, doc, assembly.facilitatorToken, { presence: true });
    const b = open(server.syncUrl, doc, assembly.facilitatorToken, { presence: true });
    await Promise.all([a.synced, b.synced]);
    // Concurrent: both write before either hears the other.
    addItem(a.doc, { title: 'Welcome', kind: 'welcome', minutes: 5 }, 0);
    addItem(b.doc, { title: 'Interpretation check', kind: 'discussion', minutes: 5 }, 0);
    setMeta(a.doc, { title: 'Assembly A' });
    setMeta(b.doc, { title: 'Assembly B' });
    await eventually(() => {
      expect(readAgenda(a.doc)).toHaveLength(2);
      expect(readAgenda(a.doc)).toEqual(readAgenda(b.doc));
      expect(readMeta(a.doc)).toEqual(readMeta(b.doc));
    });
    // And storage holds the same state.
    const stored = await storedDoc(doc);
    expect(readAgenda(stored)).toEqual(readAgenda(a.doc));
  });

  it('[S4] writers see each other’s presence; readers neither send nor receive it', async () => {
    const doc = `${assembly.id}/plenary`;
    const a = open(server.syncUrl, doc, assembly.facilitatorToken, { presence: true });
    const b = open(server.syncUrl, doc, assembly.facilitatorToken, { presence: true });
    const reader = open(server.syncUrl, doc, assembly.attendeeToken, { presence: true });
    await Promise.all([a.synced, b.synced, reader.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    reader.provider.awareness.setLocalStateField('user', { name: 'Lurker' });
    await eventually(() => {
      const names = [...b.provider.awareness.getStates().values()].map((s) => s.user?.name);
      expect(names).toContain('Ana');
    });
    // The server has handled the reader's presence, and b and the reader have heard all they were sent.
    await settled(reader, b);
    const seenByB = [...b.provider.awareness.getStates().values()].map((s) => s.user?.name);
    expect(seenByB).not.toContain('Lurker');
    const seenByReader = [...reader.provider.awareness.getStates().keys()].filter((id) => id !== reader.doc.clientID);
    expect(seenByReader).toEqual([]);
  });

  it('[S3] an attendee sees facilitator writes; its own writes reach nobody and are not stored', async () => {
    const doc = `${assembly.id}/plenary`;
    const facilitator = open(server.syncUrl, doc, assembly.facilitatorToken);
    const attendee = open(server.syncUrl, doc, assembly.attendeeToken);
    const other = open(server.syncUrl, doc, assembly.attendeeToken);
    await Promise.all([facilitator.synced, attendee.synced, other.synced]);

    setAnnouncement(facilitator.doc, 'Interpretation in Spanish: channel 2');
    await eventually(() => expect(readAnnouncement(attendee.doc)).toBe('Interpretation in Spanish: channel 2'));

    setAnnouncement(attendee.doc, 'forged by an attendee');
    attendee.doc.getArray('stack').push(['attendee jumps the queue']);
    // The attendee's forgery stays on its own copy: once the server has handled it (the attendee's
    // own round trip), a later write reaching the others proves anything relayed would be there.
    await settled(attendee);
    setMeta(facilitator.doc, { place: 'Marker 1' });
    await eventually(() => expect(readMeta(other.doc).place).toBe('Marker 1'));
    await eventually(() => expect(readMeta(facilitator.doc).place).toBe('Marker 1'));
    // Dropped, not refused: a refused write would have closed the attendee's socket (4403).
    expect(attendee.provider.wsconnected).toBe(true);
    expect(readAnnouncement(facilitator.doc)).toBe('Interpretation in Spanish: channel 2');
    expect(readAnnouncement(other.doc)).toBe('Interpretation in Spanish: channel 2');
    expect(other.doc.getArray('stack').length).toBe(0);
    expect(facilitator.doc.getArray('stack').length).toBe(0);

    // On reconnect the attendee's sync step 2 carries the forgery again; still dropped.
    attendee.provider.disconnect();
    attendee.provider.connect();
    await eventually(() => expect(attendee.provider.synced).toBe(true));
    await settled(attendee);
    setMeta(facilitator.doc, { place: 'Marker 2' });
    await eventually(() => expect(readMeta(other.doc).place).toBe('Marker 2'));

    const stored = await storedDoc(doc);
    expect(readAnnouncement(stored)).toBe('Interpretation in Spanish: channel 2');
    expect(stored.getArray('stack').length).toBe(0);
    await withRoom(doc, (room) => expect(room.doc.getArray('stack').length).toBe(0));
  });

  it('[S1] a client that joins late receives everything written before', async () => {
    const doc = `${assembly.id}/breakout/table-4`;
    const writer = open(server.syncUrl, doc, assembly.facilitatorToken);
    await writer.synced;
    const text = firstText(writer.doc);
    for (let i = 0; i < 50; i++) text.insert(text.length, `line ${i}\n`);
    const late = open(server.syncUrl, doc, assembly.attendeeToken);
    await late.synced;
    await eventually(() => expect(plainText(late.doc)).toBe(text.toString()));
  });

  it('[P5] a note-taker writes its own group’s notes and sees them persisted', async () => {
    const noteTaker = await mintLink(server.url, assembly, { role: 'note-taker', scope: 'g2' });
    const doc = `${assembly.id}/breakout/g2`;
    const nt = open(server.syncUrl, doc, noteTaker.token);
    const facilitator = open(server.syncUrl, doc, assembly.facilitatorToken);
    await Promise.all([nt.synced, facilitator.synced]);
    appendParagraph(nt.doc, REPORT_FIELD, 'We want a strike fund');
    await eventually(() => expect(fragmentToText(reportFragment(facilitator.doc))).toBe('We want a strike fund'));
    expect(fragmentToText(reportFragment(await storedDoc(doc)))).toBe('We want a strike fund');
  });

  it('[S10] a document unloads after its last client leaves and loads again on the next', async () => {
    const fast = await startTestServer({ sync: { unloadAfterMs: 50 } });
    try {
      const asm = await createAssembly(fast.url);
      const doc = `${asm.id}/plenary`;
      const a = connect(fast.syncUrl, doc, asm.facilitatorToken);
      await a.synced;
      setMeta(a.doc, { place: 'Union hall' });
      await eventually(async () => expect((await fast.store.loadDoc(doc)).lastSeq).toBeGreaterThan(0));
      expect(fast.rooms.isLoaded(doc)).toBe(true);
      a.destroy();
      await eventually(() => expect(fast.rooms.isLoaded(doc)).toBe(false));
      const b = connect(fast.syncUrl, doc, asm.attendeeToken);
      await b.synced;
      await eventually(() => expect(readMeta(b.doc).place).toBe('Union hall'));
      expect(fast.rooms.isLoaded(doc)).toBe(true);
      b.destroy();
    } finally {
      await fast.close();
    }
  });
});
