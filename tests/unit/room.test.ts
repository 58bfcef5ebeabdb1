import { describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { Connection, type SyncSocket } from '../../server/sync/connection.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../server/sync/protocol.js';
import { Room } from '../../server/sync/room.js';
import { HELD_MS } from '../../server/sync/writer-intake.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import { silentLogger } from '../../server/logger.js';
import type { Grant } from '../../server/access/permissions.js';
import { addItem } from '../../app/model/agenda.js';
import { readMeta, setMeta } from '../../app/model/meta.js';
import { readAnnouncement, setAnnouncement } from '../../app/model/run.js';

/** An in-memory socket whose delivery the test controls. */
class MemorySocket implements SyncSocket {
  sent: Uint8Array[] = [];
  closedWith: number | null = null;
  terminated = false;
  bufferedAmount = 0;
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close(code: number) {
    this.closedWith = code;
  }
  terminate() {
    this.terminated = true;
  }
}

const grant: Grant = { id: 'l', assemblyId: 'a1', role: 'facilitator', scope: null, canVote: true };
const options = { maxBufferedBytes: 1000 };

async function room(store = new SqliteStore(':memory:')) {
  return { store, room: await Room.load(parseDocName('a1/plenary')!, store, silentLogger, { compactAfter: 1000 }) };
}

function updateOf(fn: (d: Y.Doc) => void): Uint8Array {
  const d = new Y.Doc();
  let u: Uint8Array | null = null;
  d.on('update', (x: Uint8Array) => (u = u ? Y.mergeUpdates([u, x]) : x));
  fn(d);
  return u!;
}

const nextTurn = () => new Promise((r) => setImmediate(r));

describe('Room', () => {
  it('[S3] a read-only connection’s updates and sync step 2 are dropped: never applied, relayed or stored, and it stays open', async () => {
    const { room: r, store } = await room();
    const writerSocket = new MemorySocket();
    const readerSocket = new MemorySocket();
    const writer = new Connection(writerSocket, grant, 'write', options);
    const reader = new Connection(readerSocket, { ...grant, id: 'r', role: 'attendee' }, 'read', options);
    for (const c of [writer, reader]) await r.join(c);
    writerSocket.sent = [];
    await r.receive(reader, encodeUpdate(updateOf((d) => setAnnouncement(d, 'forged by an attendee'))));
    await r.receive(reader, encodeSyncStep2(updateOf((d) => setMeta(d, { title: 'Forged title' }))));
    await nextTurn();
    await r.flush();
    expect(readAnnouncement(r.doc)).toBe('');
    expect(readMeta(r.doc).title).not.toBe('Forged title');
    expect(writerSocket.sent).toEqual([]);
    const stored = await store.loadDoc('a1/plenary');
    expect([stored.snapshot, ...stored.updates].filter(Boolean)).toEqual([]);
    expect(readerSocket.closedWith).toBeNull();
    expect(readerSocket.terminated).toBe(false);
  });

  it('[S5] updates arriving in one turn go out as one message, the same buffer to every reader', async () => {
    const { room: r, store } = await room();
    const writerSockets = [new MemorySocket(), new MemorySocket()];
    const writers = writerSockets.map((s) => new Connection(s, grant, 'write', options));
    const readerSockets = [new MemorySocket(), new MemorySocket(), new MemorySocket()];
    const readers = readerSockets.map((s) => new Connection(s, { ...grant, role: 'attendee' }, 'read', options));
    for (const c of [...writers, ...readers]) await r.join(c);
    for (const s of [...writerSockets, ...readerSockets]) s.sent = [];

    await r.receive(writers[0], encodeUpdate(updateOf((d) => setMeta(d, { title: 'Spring assembly' }))));
    await r.receive(writers[1], encodeUpdate(updateOf((d) => setMeta(d, { place: 'Union hall' }))));
    expect(readerSockets[0].sent).toHaveLength(0); // nothing before it is stored
    await nextTurn();
    await r.flush();
    expect(readerSockets.map((s) => s.sent.length)).toEqual([1, 1, 1]);
    const [first] = readerSockets[0].sent;
    for (const s of readerSockets) expect(s.sent[0]).toBe(first); // one encode, one buffer
    const msg = decodeMessage(first);
    expect(msg.type).toBe('update');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, (msg as { update: Uint8Array }).update);
    expect(readMeta(copy)).toMatchObject({ title: 'Spring assembly', place: 'Union hall' });
    expect((await store.loadDoc('a1/plenary')).updates.length).toBe(1); // one batch, one row
  });

  it('[S5] a writer is not sent back a batch that was only its own', async () => {
    const { room: r } = await room();
    const ws = new MemorySocket();
    const w = new Connection(ws, grant, 'write', options);
    await r.join(w);
    ws.sent = [];
    await r.receive(w, encodeUpdate(updateOf((d) => setMeta(d, { title: 'Spring assembly' }))));
    await nextTurn();
    await r.flush();
    expect(ws.sent).toHaveLength(0);
  });

  it('[S8] a socket that stops draining is cut off instead of queuing more', async () => {
    const { room: r } = await room();
    const slow = new MemorySocket();
    const reader = new Connection(slow, { ...grant, role: 'attendee' }, 'read', options);
    const writer = new Connection(new MemorySocket(), grant, 'write', options);
    await r.join(reader);
    await r.join(writer);
    slow.bufferedAmount = 5000;
    await r.receive(writer, encodeUpdate(updateOf((d) => setMeta(d, { title: 'Spring assembly' }))));
    await nextTurn();
    await r.flush();
    expect(slow.terminated).toBe(true);
    expect(slow.sent).toHaveLength(0);
  });

  it('[S5] join storms share one full-state reply until the document changes', async () => {
    const { room: r } = await room();
    const writer = new Connection(new MemorySocket(), grant, 'write', options);
    await r.join(writer);
    await r.receive(writer, encodeUpdate(updateOf((d) => addItem(d, { title: 'Welcome', kind: 'welcome', minutes: 5 }))));
    await r.flush();
    const sockets = [new MemorySocket(), new MemorySocket()];
    const empty = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
    for (const s of sockets) {
      const c = new Connection(s, { ...grant, role: 'attendee' }, 'read', options);
      await r.join(c);
      await r.receive(c, empty);
    }
    expect(sockets[0].sent).toHaveLength(1);
    expect(sockets[1].sent[0]).toBe(sockets[0].sent[0]);
  });

  it('[S6] a sync reply waits until what it shows is stored', async () => {
    const { room: r, store } = await room();
    const writer = new Connection(new MemorySocket(), grant, 'write', options);
    await r.join(writer);
    await r.receive(writer, encodeUpdate(updateOf((d) => setAnnouncement(d, 'Interpretation: channel 2'))));
    expect((await store.loadDoc('a1/plenary')).updates.length).toBe(0); // batched, not yet stored
    const s = new MemorySocket();
    const c = new Connection(s, { ...grant, role: 'attendee' }, 'read', options);
    await r.join(c);
    await r.receive(c, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect((await store.loadDoc('a1/plenary')).updates.length).toBe(1);
    const reply = decodeMessage(s.sent[s.sent.length - 1]);
    expect(reply.type).toBe('sync-step-2');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, (reply as { update: Uint8Array }).update);
    expect(readAnnouncement(copy)).toBe('Interpretation: channel 2');
  });

  it('[S6] a failed save keeps the update in memory, relays nothing, and retries', async () => {
    const store = new SqliteStore(':memory:');
    const real = store.appendUpdates.bind(store);
    let failures = 2;
    store.appendUpdates = async (doc, updates) => {
      if (failures-- > 0) throw new Error('disk full');
      return real(doc, updates);
    };
    const { room: r } = await room(store);
    const readerSocket = new MemorySocket();
    await r.join(new Connection(readerSocket, { ...grant, role: 'attendee' }, 'read', options));
    const writer = new Connection(new MemorySocket(), grant, 'write', options);
    await r.join(writer);
    await r.receive(writer, encodeUpdate(updateOf((d) => setAnnouncement(d, 'kept'))));
    await nextTurn();
    expect(readerSocket.sent).toHaveLength(0);
    for (let i = 0; i < 50 && readerSocket.sent.length === 0; i++) await new Promise((res) => setTimeout(res, 20));
    expect(readerSocket.sent).toHaveLength(1);
    expect((await store.loadDoc('a1/plenary')).updates.length).toBe(1);
  });

  it('[S6] while saving fails, a joining client is shown nothing unsaved and told to retry', async () => {
    const store = new SqliteStore(':memory:');
    store.appendUpdates = async () => {
      throw new Error('disk full');
    };
    const { room: r } = await room(store);
    const writer = new Connection(new MemorySocket(), grant, 'write', options);
    await r.join(writer);
    await r.receive(writer, encodeUpdate(updateOf((d) => setAnnouncement(d, 'secret'))));
    await nextTurn();
    const s = new MemorySocket();
    const c = new Connection(s, { ...grant, role: 'attendee' }, 'read', options);
    await r.join(c);
    await r.receive(c, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect(s.sent).toHaveLength(0);
    expect(s.closedWith).toBe(1013);
    expect(r.hasUnsaved).toBe(true);
  });
});

describe('close reasons', () => {
  it('are cut to 123 bytes without splitting a character', async () => {
    const { closeReason } = await import('../../server/sync/connection.js');
    const cut = closeReason(`bad: ${'\uFDFD'.repeat(60)}`);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(123);
    expect(cut).not.toContain('\uFFFD');
    expect(closeReason('short')).toBe('short');
  });

  it('[F5] an update waiting for what it builds on is dropped after HELD_MS, and its socket closed with 4400', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { room: r } = await room();
      const s = new MemorySocket();
      const c = new Connection(s, grant, 'write', options);
      await r.join(c);
      const client = new Y.Doc();
      client.getMap('run').set('announcement', 'never sent');
      const sv = Y.encodeStateVector(client);
      client.getMap('run').set('announcement', 'waits for it');
      await r.receive(c, encodeUpdate(Y.encodeStateAsUpdate(client, sv)));
      vi.advanceTimersByTime(HELD_MS - 10);
      expect(s.closedWith).toBeNull();
      vi.advanceTimersByTime(20);
      expect(s.closedWith).toBe(4400);
      expect(r.doc.store.pendingStructs).toBeNull();
      expect(r.doc.getMap('run').get('announcement')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  describe('[S11][F7] presence, as stock clients and hostile ones send it', () => {
    const linkGrant = (id: string, role: Grant['role'] = 'facilitator'): Grant => ({ id, assemblyId: 'a1', role, scope: null, canVote: true });
    async function twoWriters() {
      const { room: r } = await room();
      const ks = new MemorySocket();
      const fs = new MemorySocket();
      const keeper = new Connection(ks, linkGrant('keeper-link', 'stack-keeper'), 'write', options);
      const facilitator = new Connection(fs, linkGrant('facilitator-link'), 'write', options);
      await r.join(keeper);
      await r.join(facilitator);
      const kd = new Y.Doc();
      const ka = new awarenessProtocol.Awareness(kd);
      ka.setLocalStateField('user', { name: 'Keeper' });
      await r.receive(keeper, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(ka, [kd.clientID])));
      return { r, ks, fs, keeper, facilitator, kd, ka };
    }

    it('[S11] a client that timed someone out before the server did sends the removal back: nothing happens to anyone', async () => {
      const { r, fs, kd, ka } = await twoWriters();
      const copy = new awarenessProtocol.Awareness(new Y.Doc());
      awarenessProtocol.applyAwarenessUpdate(copy, awarenessProtocol.encodeAwarenessUpdate(ka, [kd.clientID]), 'server');
      awarenessProtocol.removeAwarenessStates(copy, [kd.clientID], 'timeout');
      const facilitator = [...r.connections].find((c) => c.grant.id === 'facilitator-link')!;
      await r.receive(facilitator, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(copy, [kd.clientID])));
      expect(fs.closedWith).toBeNull();
      expect(r.awareness.getStates().get(kd.clientID)).toEqual({ user: { name: 'Keeper' } });
    });

    it('[S11] a removal spelled " null" from another link removes nobody, and the owner keeps renewing', async () => {
      const { r, ks, kd, ka, keeper } = await twoWriters();
      const hs = new MemorySocket();
      const hostile = new Connection(hs, linkGrant('hostile-link', 'stack-keeper'), 'write', options);
      await r.join(hostile);
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, kd.clientID);
      encoding.writeVarUint(e, r.awareness.meta.get(kd.clientID)!.clock);
      encoding.writeVarString(e, ' null');
      await r.receive(hostile, encodeAwareness(encoding.toUint8Array(e)));
      expect(r.awareness.getStates().get(kd.clientID)).toEqual({ user: { name: 'Keeper' } });
      ka.setLocalStateField('user', { name: 'Keeper, renewed' });
      await r.receive(keeper, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(ka, [kd.clientID])));
      expect(ks.closedWith).toBeNull();
      expect(r.awareness.getStates().get(kd.clientID)).toEqual({ user: { name: 'Keeper, renewed' } });
    });

    it('[F7] a GC struct under a writer’s announced presence id does not claim it: the writer still edits', async () => {
      const { r, ks, kd, keeper } = await twoWriters();
      const hs = new MemorySocket();
      const hostile = new Connection(hs, linkGrant('hostile-link'), 'write', options);
      await r.join(hostile);
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1); // one client
      encoding.writeVarUint(e, 1); // one struct
      encoding.writeVarUint(e, kd.clientID);
      encoding.writeVarUint(e, 0); // from clock 0
      encoding.writeUint8(e, 0); // a GC struct
      encoding.writeVarUint(e, 1); // of length 1
      encoding.writeVarUint(e, 0); // no deletions
      await r.receive(hostile, encodeUpdate(encoding.toUint8Array(e)));
      expect(hs.closedWith).toBe(4403);
      kd.getMap('stack').set('hideNames', true);
      await r.receive(keeper, encodeUpdate(Y.encodeStateAsUpdate(kd)));
      expect(ks.closedWith).toBeNull();
      expect(r.doc.getMap('stack').get('hideNames')).toBe(true);
    });
  });
});

describe('a store that answers later (Postgres)', () => {
  /** SQLite behind gates: each append waits until the test lets that one through. */
  function slowStore() {
    const store = new SqliteStore(':memory:');
    const waiting: (() => void)[] = [];
    const append = store.appendUpdates.bind(store);
    store.appendUpdates = async (name, updates) => {
      await new Promise<void>((resolve) => waiting.push(resolve));
      return append(name, updates);
    };
    /** Waits until a write is waiting at the gate, then lets it through. */
    async function letOneThrough() {
      for (let i = 0; i < 1000 && waiting.length === 0; i++) await nextTurn();
      expect(waiting.length).toBeGreaterThan(0);
      waiting.shift()!();
    }
    return { store, letOneThrough, waiting };
  }

  it('[S6] a reader asking while batches are being written, as changes keep arriving, is answered once they are stored (not 1013)', async () => {
    const { store, letOneThrough, waiting } = slowStore();
    const { room: r } = await room(store as unknown as SqliteStore);
    const writerSocket = new MemorySocket();
    const writer = new Connection(writerSocket, grant, 'write', options);
    await r.join(writer);
    await r.receive(writer, encodeUpdate(updateOf((d) => setMeta(d, { title: 'Strike assembly' }))));
    // The first batch is being written (the store has not answered) before anyone asks.
    for (let i = 0; i < 1000 && waiting.length === 0; i++) await nextTurn();
    expect(waiting).toHaveLength(1);
    const readerSocket = new MemorySocket();
    const reader = new Connection(readerSocket, { ...grant, id: 'r', role: 'attendee' }, 'read', options);
    await r.join(reader);
    readerSocket.sent = [];
    const asked = r.receive(reader, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    // A second change arrives while the first batch is being written; a third while the second is.
    await r.receive(writer, encodeUpdate(updateOf((d) => setAnnouncement(d, 'Vote at 8'))));
    await letOneThrough();
    for (let i = 0; i < 1000 && waiting.length === 0; i++) await nextTurn();
    await r.receive(writer, encodeUpdate(updateOf((d) => setMeta(d, { place: 'Union hall' }))));
    // From here every write goes through as soon as it asks.
    const drain = setInterval(() => waiting.splice(0).forEach((go) => go()), 1);
    try {
      await asked;
      await r.flush();
    } finally {
      clearInterval(drain);
    }
    expect(readerSocket.closedWith).toBeNull();
    const replies = readerSocket.sent.map(decodeMessage).filter((m) => m.type === 'sync-step-2');
    expect(replies).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, (replies[0] as { update: Uint8Array }).update);
    expect(readMeta(copy).place).toBe('Union hall');
    // What it was shown is stored.
    const stored = await store.loadDoc('a1/plenary');
    const fromStore = new Y.Doc();
    for (const u of [stored.snapshot, ...stored.updates].filter(Boolean)) Y.applyUpdate(fromStore, u!);
    expect(readMeta(fromStore).place).toBe('Union hall');
  });
});
