/**
 * Presence and sync requests under attack ([S11], [S12]): stock clients and raw sockets on real
 * links. A writer's presence is bounded and cannot be written in someone else's name; a reader
 * cannot make the server compute diffs without end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { clientPool, closeCodeOf, eventually, rawSocket } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { CloseCode, encodeAwareness, encodeSyncStep1 } from '../../server/sync/protocol.js';

let server: TestServer;
let asm: CreatedAssembly;
let keeperToken: string;
const pool = clientPool();
const plenary = () => `${asm.id}/plenary`;

beforeAll(async () => {
  server = await startTestServer();
  asm = await createAssembly(server.url, 'Presence');
  keeperToken = (await mintLink(server.url, asm, { role: 'stack-keeper' })).token;
});

afterAll(async () => {
  pool.destroyAll();
  await server.close();
});

/** An awareness message for client `id` with `state`, as y-protocols encodes it. */
function presenceOf(id: number, state: Record<string, unknown>, clock = 1): Uint8Array {
  const a = new awarenessProtocol.Awareness(new Y.Doc());
  a.clientID = id;
  a.states.set(id, state);
  a.meta.set(id, { clock, lastUpdated: Date.now() });
  return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(a, [id]));
}

describe('[S11] writers’ presence', () => {
  it('[S11] a presence of 900 KB is refused (4413) and nobody else is sent it', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken, { presence: true });
    await f.synced;
    const ws = await rawSocket(server.syncUrl, plenary(), keeperToken);
    const closed = closeCodeOf(ws);
    ws.send(presenceOf(424242, { user: { name: 'x'.repeat(900_000) } }));
    expect((await closed).code).toBe(CloseCode.tooLarge);
    expect(f.provider.awareness.getStates().has(424242)).toBe(false);
  });

  it('[S11] a note-taker cannot write the facilitator’s name on the facilitator’s presence: the entry is dropped', async () => {
    const f = pool.open(server.syncUrl, `${asm.id}/notes/item1`, asm.facilitatorToken, { presence: true });
    f.provider.awareness.setLocalStateField('user', { name: 'Facilitator' });
    await f.synced;
    const token = (await mintLink(server.url, asm, { role: 'note-taker', scope: 'plenary' })).token;
    const watcher = pool.open(server.syncUrl, `${asm.id}/notes/item1`, asm.facilitatorToken, { presence: true });
    await eventually(() => expect(watcher.provider.awareness.getStates().get(f.doc.clientID)?.user).toEqual({ name: 'Facilitator' }));
    const ws = await rawSocket(server.syncUrl, `${asm.id}/notes/item1`, token);
    const closed = closeCodeOf(ws);
    ws.send(presenceOf(f.doc.clientID, { user: { name: 'round cancelled, go home' } }, 99));
    // A presence of the note-taker's own, sent after, arrives: the spoofed one before it did not.
    ws.send(presenceOf(777_001, { user: { name: 'Note-taker' } }));
    await eventually(() => expect(watcher.provider.awareness.getStates().get(777_001)?.user).toEqual({ name: 'Note-taker' }));
    expect(watcher.provider.awareness.getStates().get(f.doc.clientID)?.user).toEqual({ name: 'Facilitator' });
    ws.close();
    await closed;
  });

  it('[S11] one connection speaks for at most 4 presences (4400)', async () => {
    const ws = await rawSocket(server.syncUrl, plenary(), keeperToken);
    const closed = closeCodeOf(ws);
    let code: number | null = null;
    void closed.then((c) => (code = c.code));
    let sent = 0;
    for (let id = 1000; id < 1010 && code === null; id++) {
      ws.send(presenceOf(id, { user: { name: `ghost ${id}` } }));
      sent++;
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await closed).code).toBe(CloseCode.badRequest);
    expect(sent).toBeGreaterThan(4);
  });

  it('[S11] a reconnecting writer takes back its own presence', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken, { presence: true });
    f.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    await f.synced;
    f.provider.disconnect();
    f.provider.connect();
    f.provider.awareness.setLocalStateField('user', { name: 'Ana, back' });
    const watcher = pool.open(server.syncUrl, plenary(), asm.facilitatorToken, { presence: true });
    await eventually(() => expect(watcher.provider.awareness.getStates().get(f.doc.clientID)?.user).toEqual({ name: 'Ana, back' }));
    expect(f.provider.wsconnected).toBe(true);
  });
});

describe('[S11] echoes', () => {
  it('[S11] six writers with presence: each stock client sends back what it hears, and nobody is cut off', async () => {
    const doc = `${asm.id}/notes/item2`;
    const writers = Array.from({ length: 6 }, (_, i) => {
      const c = pool.open(server.syncUrl, doc, asm.facilitatorToken, { presence: true });
      c.provider.awareness.setLocalStateField('user', { name: `Writer ${i}` });
      return c;
    });
    await Promise.all(writers.map((w) => w.synced));
    for (const w of writers) await eventually(() => expect(w.provider.awareness.getStates().size).toBe(6));
    writers[0].provider.awareness.setLocalStateField('user', { name: 'Writer 0, renamed' });
    await eventually(() => expect(writers[5].provider.awareness.getStates().get(writers[0].doc.clientID)?.user).toEqual({ name: 'Writer 0, renamed' }));
    expect(writers.every((w) => w.provider.wsconnected)).toBe(true);
  });
});

describe('[S12] sync requests', () => {
  it('[S12] an attendee socket asking for the state again and again is cut off (4400)', async () => {
    const ws = await rawSocket(server.syncUrl, plenary(), asm.attendeeToken);
    const closed = closeCodeOf(ws);
    let code: number | null = null;
    void closed.then((c) => (code = c.code));
    let sent = 0;
    for (let i = 0; i < 50 && code === null; i++) {
      ws.send(encodeSyncStep1(Y.encodeStateVector(new Map([[i + 1, 9]]))));
      sent++;
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await closed).code).toBe(CloseCode.badRequest);
    expect(sent).toBeLessThan(50);
  });

  it('[S12] a stock reader still syncs and follows', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
    await f.synced;
    const reader = pool.open(server.syncUrl, plenary(), asm.attendeeToken);
    await reader.synced;
    f.doc.getMap('run').set('announcement', 'Channel 2 for Somali');
    await eventually(() => expect(reader.doc.getMap('run').get('announcement')).toBe('Channel 2 for Somali'));
  });
});
