import { afterEach, describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { EventEmitter } from 'node:events';
import { RelayCodec, type RelayMessage } from '../../server/cluster/codec.js';
import { DocRelay, docChannel } from '../../server/cluster/doc-relay.js';
import type { RedisBus } from '../../server/cluster/redis-bus.js';
import { Connection, type SyncSocket } from '../../server/sync/connection.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { decodeMessage } from '../../server/sync/protocol.js';
import type { RoomRelay } from '../../server/sync/relay.js';
import { Room } from '../../server/sync/room.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import { silentLogger } from '../../server/logger.js';
import { readMeta, setMeta } from '../../app/model/meta.js';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

class MemorySocket implements SyncSocket {
  sent: Uint8Array[] = [];
  bufferedAmount = 0;
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close() {}
  terminate() {}
}

/** A relay that records what the room hands it. */
function recordingRelay(): RoomRelay & { stored: ReturnType<typeof vi.fn>; presence: ReturnType<typeof vi.fn> } {
  return {
    opening: async () => {},
    opened: () => {},
    closed: () => {},
    stored: vi.fn(),
    presence: vi.fn(),
  } as never;
}

function presenceOf(clientID: number, state: unknown, clock = 1): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const a = new awarenessProtocol.Awareness(doc);
  for (let i = 1; i < clock; i++) a.setLocalState({ i });
  a.setLocalState(state as Record<string, unknown>);
  const update = awarenessProtocol.encodeAwarenessUpdate(a, [clientID]);
  a.destroy();
  return update;
}

describe('relay messages', () => {
  const channel = 'plenary:doc:a1/plenary';
  const messages: RelayMessage[] = [
    {
      kind: 'update',
      update: new Uint8Array([1, 2, 3]),
      owners: [
        [7, 'link-a'],
        [8, 'server'],
      ],
    },
    { kind: 'presence', update: new Uint8Array([0]), link: 'link-b' },
    { kind: 'presence-query' },
    { kind: 'revoked', linkId: 'link-c' },
    { kind: 'deleted', assemblyId: 'a1' },
  ];

  it('[SO33] a sealed message reads back as sent, with the node that sent it', () => {
    const codec = new RelayCodec('node-a', SECRET);
    for (const m of messages) expect(codec.decode(channel, codec.encode(channel, m))).toEqual({ from: 'node-a', message: m });
  });

  it('[SO32] [SO33] a message sealed with another secret, moved to another channel, altered or cut is ignored (null), never thrown', () => {
    const ours = new RelayCodec('node-a', SECRET);
    const theirs = new RelayCodec('node-x', 'another-secret-that-is-long-enough-xyz');
    for (const m of messages) {
      const sealed = ours.encode(channel, m);
      expect(ours.decode(channel, theirs.encode(channel, m))).toBeNull();
      expect(ours.decode('plenary:doc:a2/plenary', sealed)).toBeNull();
      const altered = Buffer.from(sealed);
      altered[3] ^= 1;
      expect(ours.decode(channel, altered)).toBeNull();
      for (let cut = 0; cut < sealed.length; cut += 3) expect(ours.decode(channel, sealed.subarray(0, cut))).toBeNull();
    }
    for (let i = 0; i < 200; i++) expect(ours.decode(channel, Buffer.from(Array.from({ length: i }, (_, j) => (j * 37 + i) & 255)))).toBeNull();
  });
});

describe('Room with other nodes', () => {
  afterEach(() => vi.useRealTimers());

  it('[SO22] a batch is handed to the relay only once stored, with the links that wrote it', async () => {
    const store = new SqliteStore(':memory:');
    const relay = recordingRelay();
    const save = store.appendUpdates.bind(store);
    let failing = true;
    store.appendUpdates = async (doc, updates) => {
      if (failing) throw new Error('disk full');
      return save(doc, updates);
    };
    const room = await Room.load(parseDocName('a1/plenary')!, store, silentLogger, { compactAfter: 1000, relay });
    const writer = new Connection(new MemorySocket(), { id: 'link-w', assemblyId: 'a1', role: 'facilitator', scope: null, canVote: true }, 'write', {
      maxBufferedBytes: 1e6,
    });
    await room.join(writer);
    const client = new Y.Doc();
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    setMeta(client, { place: 'Hall' });
    const { encodeUpdate } = await import('../../server/sync/protocol.js');
    await room.receive(writer, encodeUpdate(update!));
    await room.flush();
    expect(relay.stored).not.toHaveBeenCalled();
    failing = false;
    await vi.waitFor(() => expect(relay.stored).toHaveBeenCalledTimes(1), { timeout: 3000 });
    const [, stored, owners] = relay.stored.mock.calls[0];
    expect((await store.loadDoc('a1/plenary')).updates.some((u) => Buffer.compare(Buffer.from(u), Buffer.from(stored)) === 0)).toBe(true);
    expect(owners).toEqual([[client.clientID, 'link-w']]);
    await room.destroy();
  });

  it('[SO23] a relayed batch reaches this node’s clients and is neither stored again nor relayed again', async () => {
    const store = new SqliteStore(':memory:');
    const relay = recordingRelay();
    const room = await Room.load(parseDocName('a1/plenary')!, store, silentLogger, { compactAfter: 1000, relay });
    const socket = new MemorySocket();
    const reader = new Connection(socket, { id: 'link-r', assemblyId: 'a1', role: 'attendee', scope: null, canVote: true }, 'read', { maxBufferedBytes: 1e6 });
    await room.join(reader);
    const other = new Y.Doc();
    let update: Uint8Array | null = null;
    other.on('update', (u: Uint8Array) => (update = u));
    setMeta(other, { place: 'Relayed' });
    room.applyRemote(update!, [[other.clientID, 'link-elsewhere']]);
    await room.flush();
    expect(socket.sent.map((m) => decodeMessage(m).type)).toEqual(['update']);
    expect((await store.loadDoc('a1/plenary')).updates).toHaveLength(0);
    expect(relay.stored).not.toHaveBeenCalled();
    await room.destroy();
  });

  it('[SO25] a relayed batch that builds on one never heard here makes the room catch up from the store, which has both', async () => {
    const store = new SqliteStore(':memory:');
    const room = await Room.load(parseDocName('a1/plenary')!, store, silentLogger, { compactAfter: 1000, relay: recordingRelay() });
    const socket = new MemorySocket();
    await room.join(
      new Connection(socket, { id: 'link-r', assemblyId: 'a1', role: 'attendee', scope: null, canVote: true }, 'read', { maxBufferedBytes: 1e6 }),
    );
    const elsewhere = new Y.Doc();
    const updates: Uint8Array[] = [];
    elsewhere.on('update', (u: Uint8Array) => updates.push(u));
    elsewhere.getText('t').insert(0, 'missed ');
    elsewhere.getText('t').insert(7, 'and heard');
    // The first was stored and its message lost; the second was stored and heard.
    await store.appendUpdates('a1/plenary', updates);
    room.applyRemote(updates[1], []);
    await vi.waitFor(() => expect(room.doc.getText('t').toString()).toBe('missed and heard'));
    expect(socket.sent.map((m) => decodeMessage(m).type)).toContain('update');
    await room.destroy();
  });

  it('[SO27] with other nodes, compaction folds what the store holds: an update another node stored, not yet heard here, is kept', async () => {
    const store = new SqliteStore(':memory:');
    const room = await Room.load(parseDocName('a1/plenary')!, store, silentLogger, { compactAfter: 1, relay: recordingRelay() });
    const writer = new Connection(new MemorySocket(), { id: 'link-w', assemblyId: 'a1', role: 'facilitator', scope: null, canVote: true }, 'write', {
      maxBufferedBytes: 1e6,
    });
    await room.join(writer);
    // Node A stores an update; its relay message has not reached this node yet.
    const elsewhere = new Y.Doc();
    let fromA: Uint8Array | null = null;
    elsewhere.on('update', (u: Uint8Array) => (fromA = u));
    setMeta(elsewhere, { place: 'Stored by A' });
    await store.appendUpdates('a1/plenary', [fromA!]);
    // This node stores one of its own, after it, and compacts.
    const here = new Y.Doc();
    let own: Uint8Array | null = null;
    here.on('update', (u: Uint8Array) => (own = u));
    here.getMap('run').set('announcement', 'from B');
    const { encodeUpdate } = await import('../../server/sync/protocol.js');
    await room.receive(writer, encodeUpdate(own!));
    await room.flush();
    await room.compact();
    const stored = await store.loadDoc('a1/plenary');
    const copy = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(copy, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    expect(readMeta(copy).place).toBe('Stored by A');
    expect(copy.getMap('run').get('announcement')).toBe('from B');
    await room.destroy();
  });

  it('[SO29] presence from another node is shown to writers here, not relayed back, and expires 30 s after its last renewal', async () => {
    // lib0 reads the clock through its own copy of Date.now: entries are aged by hand, the check runs on fake timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = new SqliteStore(':memory:');
    const relay = recordingRelay();
    const room = await Room.load(parseDocName('a1/plenary')!, store, silentLogger, { compactAfter: 1000, relay });
    const socket = new MemorySocket();
    const writer = new Connection(socket, { id: 'link-w', assemblyId: 'a1', role: 'facilitator', scope: null, canVote: true }, 'write', {
      maxBufferedBytes: 1e6,
    });
    await room.join(writer);
    socket.sent = [];
    const age = (ms: number) => (room.awareness.meta.get(4242)!.lastUpdated -= ms);
    room.applyRemotePresence(presenceOf(4242, { user: { name: 'Ana' } }), 'link-elsewhere');
    expect(room.awareness.getStates().get(4242)).toEqual({ user: { name: 'Ana' } });
    expect(socket.sent.map((m) => decodeMessage(m).type)).toEqual(['awareness']);
    // Renewed before the timeout (a live client renews every 15 s, and its node relays it): kept.
    age(29_000);
    room.applyRemotePresence(presenceOf(4242, { user: { name: 'Ana' } }, 2), 'link-elsewhere');
    age(20_000);
    vi.advanceTimersByTime(3_000);
    expect(room.awareness.getStates().has(4242)).toBe(true);
    // Its node died: no renewal comes, and 30 s after the last one the entry goes, for the writers here too.
    age(11_000);
    socket.sent = [];
    vi.advanceTimersByTime(3_000);
    expect(room.awareness.getStates().has(4242)).toBe(false);
    expect(socket.sent.map((m) => decodeMessage(m).type)).toEqual(['awareness']);
    expect(relay.presence).not.toHaveBeenCalled();
    vi.useRealTimers();
    await room.destroy();
  });
});

/** A bus in memory: what the relay subscribes to and publishes, and messages the test delivers. */
class MemoryBus extends EventEmitter {
  subscribed = new Set<string>();
  published: [string, Buffer][] = [];
  confirm: Promise<boolean> = Promise.resolve(true);
  async subscribe(channel: string) {
    this.subscribed.add(channel);
    return this.confirm;
  }
  unsubscribe(channel: string) {
    this.subscribed.delete(channel);
  }
  publish(channel: string, payload: Buffer) {
    this.published.push([channel, payload]);
  }
}

describe('DocRelay', () => {
  it('[SO21] [SO24] listens before the document loads, applies what came meanwhile once loaded, ignores its own and stops listening when it unloads', async () => {
    const bus = new MemoryBus();
    const ours = new RelayCodec('node-b', SECRET);
    const other = new RelayCodec('node-a', SECRET);
    const relay = new DocRelay(bus as unknown as RedisBus, ours, silentLogger);
    const name = parseDocName('a1/plenary')!;
    const channel = docChannel(name.name);
    const store = new SqliteStore(':memory:');
    await relay.opening(name);
    expect(bus.subscribed).toEqual(new Set([channel]));
    const elsewhere = new Y.Doc();
    const updates: Uint8Array[] = [];
    elsewhere.on('update', (u: Uint8Array) => updates.push(u));
    setMeta(elsewhere, { place: 'Heard while loading' });
    bus.emit('message', channel, other.encode(channel, { kind: 'update', update: updates[0], owners: [] }));
    // Its own message (and garbage) change nothing.
    const mine = new Y.Doc();
    let own: Uint8Array | null = null;
    mine.on('update', (u: Uint8Array) => (own = u));
    mine.getMap('run').set('announcement', 'my own echo');
    bus.emit('message', channel, ours.encode(channel, { kind: 'update', update: own!, owners: [] }));
    bus.emit('message', channel, Buffer.from('garbage'));
    const room = await Room.load(name, store, silentLogger, { compactAfter: 1000, relay });
    expect(readMeta(room.doc).place).toBeNull();
    relay.opened(room);
    expect(readMeta(room.doc).place).toBe('Heard while loading');
    expect(room.doc.getMap('run').get('announcement')).toBeUndefined();
    expect(relay.ignored).toBe(1);
    // Once loaded, it asks the other nodes who is there.
    expect(bus.published.map(([, p]) => ours.decode(channel, p)?.message.kind)).toEqual(['presence-query']);
    relay.closed(name);
    expect(bus.subscribed.size).toBe(0);
    await room.destroy();
  });

  it('[SO25] a document that could not be listened to catches up from the store once loaded, and every loaded one when Redis is back', async () => {
    const bus = new MemoryBus();
    bus.confirm = Promise.resolve(false);
    const relay = new DocRelay(bus as unknown as RedisBus, new RelayCodec('node-b', SECRET), silentLogger);
    const name = parseDocName('a1/plenary')!;
    const store = new SqliteStore(':memory:');
    await relay.opening(name);
    const room = await Room.load(name, store, silentLogger, { compactAfter: 1000, relay });
    const catchUp = vi.spyOn(room, 'catchUp');
    relay.opened(room);
    expect(catchUp).toHaveBeenCalledTimes(1);
    bus.emit('resumed');
    expect(catchUp).toHaveBeenCalledTimes(2);
    await room.destroy();
  });
});
