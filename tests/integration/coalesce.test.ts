import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { clientPool, eventually, rawSocket } from '../helpers/clients.js';
import { createAssembly, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';

/**
 * The batch window (PLENARY_BATCH_MS): changes a room applies within the window of the batch's
 * first change are stored as one row and sent to each socket as one frame. The window is long
 * here so the writes below, each waited for on the server, all fall inside it; nothing is
 * asserted about time, only about what was stored and what a reader received.
 */
const WINDOW_MS = 1_500;
const WRITES = 5;

let server: TestServer;
let assembly: CreatedAssembly;
let docName: string;
const pool = clientPool();
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({ sync: { batchWindowMs: WINDOW_MS } });
  assembly = await createAssembly(server.url, 'Coalescing assembly');
  docName = `${assembly.id}/plenary`;
});

afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  pool.destroyAll();
  await server.close();
});

/** A reader as a phone's socket is: it asks for the document, then keeps every update frame. */
async function rawReader(): Promise<{ updates: Uint8Array[] }> {
  const ws = await rawSocket(server.syncUrl, docName, assembly.attendeeToken);
  sockets.push(ws);
  const updates: Uint8Array[] = [];
  let synced!: () => void;
  const ready = new Promise<void>((resolve) => (synced = resolve));
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== 0) return; // keepalives and presence: not updates
    const kind = decoding.readVarUint(decoder);
    if (kind === 1) synced();
    if (kind === 2) updates.push(decoding.readVarUint8Array(decoder));
  });
  ws.send(Uint8Array.from([0, 0, 1, 0])); // sync step 1, empty state vector
  await ready;
  return { updates };
}

/** The agenda titles a set of updates carries, applied to an empty document. */
function titlesIn(updates: Uint8Array[]): string[] {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return readAgenda(doc).map((i) => i.title);
}

/** Agenda titles the server's live copy holds. */
async function liveTitles(): Promise<string[]> {
  const room = await server.rooms.acquire(parseDocName(docName)!);
  try {
    return readAgenda(room.doc).map((i) => i.title);
  } finally {
    server.rooms.release(room);
  }
}

async function storedRows(): Promise<number> {
  return (await server.store.loadDoc(docName)).updates.length;
}

describe('batch window', () => {
  it('[PF10] writes applied within one window are stored as one row and reach a reader as one frame', async () => {
    const writer = pool.open(server.syncUrl, docName, assembly.facilitatorToken);
    await writer.synced;
    const reader = await rawReader();
    const rowsBefore = await storedRows();
    const titles = Array.from({ length: WRITES }, (_, i) => `Motion ${i + 1}`);
    for (const [i, title] of titles.entries()) {
      addItem(writer.doc, { title, kind: 'discussion', minutes: 5 }, i);
      // Applied on the server before the next write: without a window, each would be its own batch.
      await eventually(async () => expect(await liveTitles()).toContain(title));
    }
    await eventually(() => expect(reader.updates.length).toBeGreaterThan(0), { timeout: 10 * WINDOW_MS });
    // One row in the store for the five writes.
    expect(await storedRows()).toBe(rowsBefore + 1);
    expect(reader.updates).toHaveLength(1);
    expect(titlesIn(reader.updates)).toEqual(titles);
  });

  it('[PF10] a write nobody follows is still stored and delivered when its window ends', async () => {
    const writer = pool.open(server.syncUrl, docName, assembly.facilitatorToken);
    await writer.synced;
    const reader = await rawReader();
    const rowsBefore = await storedRows();
    addItem(writer.doc, { title: 'Lone motion', kind: 'discussion', minutes: 5 }, 0);
    await eventually(() => expect(reader.updates).toHaveLength(1), { timeout: 10 * WINDOW_MS });
    expect(titlesIn(reader.updates)).toEqual(['Lone motion']);
    expect(await storedRows()).toBe(rowsBefore + 1);
  });

  it('[PF10][S6] a reader joining inside a window is answered at once, and only with what is stored', async () => {
    // A window that never ends within this test: the reader's answer cannot be waiting for it.
    const slow = await startTestServer({ sync: { batchWindowMs: 60_000 } });
    const local = clientPool();
    try {
      const asm = await createAssembly(slow.url, 'Long window assembly');
      const name = `${asm.id}/plenary`;
      const writer = local.open(slow.syncUrl, name, asm.facilitatorToken);
      await writer.synced;
      addItem(writer.doc, { title: 'Late motion', kind: 'discussion', minutes: 5 }, 0);
      const room = await slow.rooms.acquire(parseDocName(name)!);
      try {
        await eventually(() => expect(readAgenda(room.doc).map((i) => i.title)).toContain('Late motion'));
      } finally {
        slow.rooms.release(room);
      }
      const rowsBefore = (await slow.store.loadDoc(name)).updates.length;
      const reader = local.open(slow.syncUrl, name, asm.attendeeToken);
      await reader.synced;
      expect(readAgenda(reader.doc).map((i) => i.title)).toEqual(['Late motion']);
      // The sync request had the batch stored first ([S6]): the row is there, the window still open.
      const rows = await slow.store.loadDoc(name);
      expect(rows.updates.length).toBe(rowsBefore + 1);
      const fromStore = new Y.Doc();
      if (rows.snapshot) Y.applyUpdate(fromStore, rows.snapshot);
      for (const u of rows.updates) Y.applyUpdate(fromStore, u);
      expect(readAgenda(fromStore).map((i) => i.title)).toEqual(['Late motion']);
    } finally {
      local.destroyAll();
      await slow.close();
    }
  });

  it('[PF10][S6] a command’s change does not wait for the window: stored and sent before it answers', async () => {
    const slow = await startTestServer({ sync: { batchWindowMs: 60_000 } });
    const local = clientPool();
    try {
      const asm = await createAssembly(slow.url, 'Command assembly');
      const name = `${asm.id}/plenary`;
      const reader = local.open(slow.syncUrl, name, asm.attendeeToken);
      await reader.synced;
      const rowsBefore = (await slow.store.loadDoc(name)).updates.length;
      // As a phone's command does (a raised hand, a vote counted): through changeDoc.
      await slow.services.changeDoc(name, (doc) => addItem(doc, { title: 'Point of order', kind: 'discussion', minutes: 1 }));
      expect((await slow.store.loadDoc(name)).updates.length).toBe(rowsBefore + 1);
      await eventually(() => expect(readAgenda(reader.doc).map((i) => i.title)).toEqual(['Point of order']));
    } finally {
      local.destroyAll();
      await slow.close();
    }
  });
});
