/**
 * Two Plenary nodes in this process, one real Redis, one shared store (until the Postgres store
 * lands, the nodes share one SqliteStore instance; each gets a thin view of it so a test can fail
 * one node's saves). Stock y-websocket clients on both nodes ([SO20]–[SO34]).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientPool, closeCodeOf, eventually, rawSocket, settled, type Client } from '../helpers/clients.js';
import { CloseCode, encodeUpdate } from '../../server/sync/protocol.js';
import { freePort, startRedis, type TestRedis } from '../helpers/redis.js';
import { spawnServer } from '../helpers/child-server.js';
import { createAssembly, mintLink, startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import type { Store } from '../../server/storage/store.js';
import { RelayCodec } from '../../server/cluster/codec.js';
import { docChannel } from '../../server/cluster/doc-relay.js';
import { CLUSTER_CHANNEL } from '../../server/cluster/cluster-events.js';
import { readMeta, setMeta } from '../../app/model/meta.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

/** One node's view of the shared store: everything delegates, saves can be made to fail. */
type NodeStore = Store & { failSaves: boolean; saves: string[]; failPing: boolean };
function nodeStore(shared: SqliteStore): NodeStore {
  const view = Object.create(shared) as NodeStore;
  view.failSaves = false;
  view.failPing = false;
  view.saves = [];
  view.appendUpdates = async (doc, updates) => {
    view.saves.push(doc);
    if (view.failSaves) throw new Error('disk full (test)');
    return shared.appendUpdates(doc, updates);
  };
  view.ping = async () => {
    if (view.failPing) throw new Error('database gone (test)');
    return shared.ping();
  };
  return view;
}

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

const names = (c: Client) => [...c.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name);
const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('several nodes over Redis', () => {
  let redis: TestRedis;
  let shared: SqliteStore;
  let db: Database.Database;
  let storeA: NodeStore;
  let storeB: NodeStore;
  let a: TestServer;
  let b: TestServer;
  const pool = clientPool();

  beforeAll(async () => {
    redis = await startRedis();
    const dir = tempDataDir();
    shared = new SqliteStore(path.join(dir, 'plenary.sqlite'));
    db = new Database(path.join(dir, 'plenary.sqlite'), { readonly: true });
    storeA = nodeStore(shared);
    storeB = nodeStore(shared);
    // Documents unload soon after their last client leaves, so a test can see a node stop listening.
    a = await startTestServer({ store: storeA, redisUrl: redis.url, dataDir: dir, sync: { unloadAfterMs: 300 } });
    b = await startTestServer({ store: storeB, redisUrl: redis.url, dataDir: dir, sync: { unloadAfterMs: 300 } });
    for (const node of [a, b]) await eventually(async () => expect((await readyz(node.url)).status).toBe(200), { timeout: 10_000 });
  });

  afterAll(async () => {
    pool.destroyAll();
    await a?.close();
    await b?.close();
    db?.close();
    await shared?.close();
    await redis?.stop();
  });

  it('[SO20] without REDIS_URL a node has no cluster, and /readyz names no Redis', async () => {
    const single = await startTestServer();
    try {
      expect(single.cluster).toBeNull();
      expect(await readyz(single.url)).toEqual({ status: 200, body: { ready: true, store: true } });
    } finally {
      await single.close();
    }
  });

  it('[SO26] a node whose Redis is unreachable from the start still starts and serves its own clients; /readyz says 503', async () => {
    const lonely = await startTestServer({ store: nodeStore(shared), redisUrl: `redis://127.0.0.1:${await freePort()}` });
    try {
      const asm = await createAssembly(lonely.url);
      const name = `${asm.id}/plenary`;
      const writer = pool.open(lonely.syncUrl, name, asm.facilitatorToken);
      const reader = pool.open(lonely.syncUrl, name, asm.attendeeToken);
      await Promise.all([writer.synced, reader.synced]);
      setMeta(writer.doc, { place: 'No Redis here' });
      await eventually(() => expect(readMeta(reader.doc).place).toBe('No Redis here'));
      expect(await readyz(lonely.url)).toEqual({ status: 503, body: { ready: false, store: true, redis: false } });
      expect((await fetch(`${lonely.url}/healthz`)).status).toBe(200);
    } finally {
      await lonely.close();
    }
  });

  it('[SO20] `npm start` reads REDIS_URL: a real process connects and is ready', async () => {
    const child = await spawnServer(tempDataDir(), { REDIS_URL: redis.url });
    try {
      await eventually(async () => expect(await readyz(child.url)).toEqual({ status: 200, body: { ready: true, store: true, redis: true } }), {
        timeout: 10_000,
      });
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });

  it('[SO21] [SO22] [SO23] a stock writer on node A and 200 stock readers on node B converge; B stores and relays nothing of it', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const watcher = new Redis(redis.url);
    const admin = new Redis(redis.url);
    const senders: string[] = [];
    const codec = new RelayCodec('watcher', SECRET);
    try {
      await watcher.subscribe(docChannel(name));
      watcher.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
        const decoded = codec.decode(channel.toString(), payload);
        if (decoded?.message.kind === 'update') senders.push(decoded.from);
      });
      const writer = pool.open(a.syncUrl, name, asm.facilitatorToken);
      const readers = Array.from({ length: 200 }, () => pool.open(b.syncUrl, name, asm.attendeeToken));
      await Promise.all([writer.synced, ...readers.map((r) => r.synced)]);
      storeB.saves.length = 0;
      // Twenty batches, each stored (and relayed) before the next is written.
      for (let i = 0; i < 20; i++) {
        const saved = storeA.saves.length;
        setMeta(writer.doc, { place: `Hall ${i}` });
        if (i % 5 === 0) addItem(writer.doc, { title: `Item ${i}`, kind: 'discussion', minutes: 5 });
        await eventually(() => expect(storeA.saves.length).toBeGreaterThan(saved));
      }
      await eventually(
        () => {
          for (const r of readers) {
            expect(readMeta(r.doc).place).toBe('Hall 19');
            expect(readAgenda(r.doc).map((item) => item.title)).toEqual(readAgenda(writer.doc).map((item) => item.title));
          }
        },
        { timeout: 15_000, interval: 100 },
      );
      expect(storeB.saves.filter((d) => d === name)).toEqual([]);
      await eventually(() => expect(senders.length).toBeGreaterThanOrEqual(20));
      expect(new Set(senders)).toEqual(new Set([a.cluster!.nodeId]));
      // Both nodes (and this watcher) listen while both have clients; B stops once its last leaves.
      const listeners = async () => Number(((await admin.call('PUBSUB', 'NUMSUB', docChannel(name))) as [string, number])[1]);
      expect(await listeners()).toBe(3);
      for (const r of readers) r.destroy();
      await eventually(async () => expect(await listeners()).toBe(2));
      expect(b.rooms.isLoaded(name)).toBe(false);
    } finally {
      watcher.disconnect();
      admin.disconnect();
    }
  });

  it('[SO29] presence of a writer on A reaches a writer on B (also one whose node loads the document later), and goes when it leaves', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const onA = pool.open(a.syncUrl, name, asm.facilitatorToken, { presence: true });
    await onA.synced;
    onA.provider.awareness.setLocalStateField('user', { name: 'Ana on A' });
    // B loads the document only now: it asks who is there instead of waiting for the 15 s renewal.
    const onB = pool.open(b.syncUrl, name, asm.facilitatorToken, { presence: true });
    await onB.synced;
    await eventually(() => expect(names(onB)).toContain('Ana on A'));
    onB.provider.awareness.setLocalStateField('user', { name: 'Bo on B' });
    await eventually(() => expect(names(onA)).toContain('Bo on B'));
    // A reader on B hears no presence ([S4]).
    const reader = pool.open(b.syncUrl, name, asm.attendeeToken);
    await reader.synced;
    await settled(reader);
    expect(names(reader).filter(Boolean)).toEqual([]);
    // Her phone drops off without a word (no goodbye message): node A's leave is relayed.
    onA.provider.shouldConnect = false;
    (onA.provider.ws as unknown as WebSocket).terminate();
    await eventually(() => expect(names(onB)).not.toContain('Ana on A'));
  });

  it('[SO24] a node that loads a document late has everything stored before', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const writer = pool.open(a.syncUrl, name, asm.facilitatorToken);
    await writer.synced;
    for (let i = 0; i < 30; i++) addItem(writer.doc, { title: `Early ${i}`, kind: 'discussion', minutes: 5 });
    await settled(writer);
    expect(b.rooms.isLoaded(name)).toBe(false);
    const late = pool.open(b.syncUrl, name, asm.attendeeToken);
    await late.synced;
    expect(readAgenda(late.doc)).toHaveLength(30);
    setMeta(writer.doc, { place: 'After B loaded' });
    await eventually(() => expect(readMeta(late.doc).place).toBe('After B loaded'));
  });

  it('[SO22] persist-before-relay across nodes: while A cannot store a change, no client on B is sent it', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const writer = pool.open(a.syncUrl, name, asm.facilitatorToken, { presence: true });
    const watcher = pool.open(b.syncUrl, name, asm.facilitatorToken, { presence: true });
    const reader = pool.open(b.syncUrl, name, asm.attendeeToken);
    await Promise.all([writer.synced, watcher.synced, reader.synced]);
    const unstored: string[] = [];
    for (const [who, c] of [
      ['watcher', watcher],
      ['reader', reader],
    ] as const) {
      c.doc.on('update', (_u: Uint8Array, origin: unknown) => {
        if (origin === c.provider && !holdsEverything(storedNow(db, name), c.doc)) unstored.push(`${who}: ${JSON.stringify(readMeta(c.doc))}`);
      });
    }
    storeA.saves.length = 0;
    storeA.failSaves = true;
    try {
      setMeta(writer.doc, { place: 'Not stored yet' });
      await eventually(() => expect(storeA.saves.filter((d) => d === name).length).toBeGreaterThanOrEqual(2));
      // Presence goes A → Redis → B on the same channel, after anything A published before it.
      writer.provider.awareness.setLocalStateField('user', { name: 'barrier' });
      await eventually(() => expect(names(watcher)).toContain('barrier'));
      await settled(reader);
      expect(readMeta(watcher.doc).place).not.toBe('Not stored yet');
      expect(readMeta(reader.doc).place).not.toBe('Not stored yet');
    } finally {
      storeA.failSaves = false;
    }
    await eventually(() => expect([readMeta(watcher.doc).place, readMeta(reader.doc).place]).toEqual(['Not stored yet', 'Not stored yet']), {
      timeout: 10_000,
    });
    expect(unstored).toEqual([]);
  });

  it('[SO23] [F7] a writer on B cannot write under the client id of a writer on A (4403): owners travel with each batch', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const keeper = await mintLink(a.url, asm, { role: 'stack-keeper' });
    const view = pool.open(b.syncUrl, name, asm.attendeeToken);
    const f = pool.open(a.syncUrl, name, asm.facilitatorToken);
    await Promise.all([view.synced, f.synced]);
    f.doc.getMap('run').set('announcement', 'from the facilitator on A');
    await eventually(() => expect(view.doc.getMap('run').get('announcement')).toBe('from the facilitator on A'));
    const ws = await rawSocket(b.syncUrl, name, keeper.token);
    const closed = closeCodeOf(ws);
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(f.doc));
    // Takes the facilitator's id after syncing (Yjs would pick a new one on seeing it in use).
    forger.clientID = f.doc.clientID;
    const sv = Y.encodeStateVector(forger);
    forger.getMap('stack').set('hideNames', true);
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(forger, sv)));
    expect((await closed).code).toBe(CloseCode.forbidden);
    f.doc.getMap('run').set('announcement', 'still the facilitator');
    await eventually(() => expect(view.doc.getMap('run').get('announcement')).toBe('still the facilitator'));
    expect(view.doc.getMap('stack').get('hideNames')).toBeUndefined();
  });

  it('[SO30] a link revoked through node B’s API cuts its socket on node A within a second', async () => {
    const asm = await createAssembly(a.url);
    const link = await mintLink(a.url, asm, { role: 'stack-keeper' });
    const client = pool.open(a.syncUrl, `${asm.id}/plenary`, link.token);
    await client.synced;
    const started = Date.now();
    const res = await fetch(`${b.url}/api/assemblies/${asm.id}/links/${link.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    });
    expect(res.status).toBe(204);
    expect((await client.closed).code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('[SO31] deleting an assembly on A closes its sockets on B with 4404 and B never loads it again', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const onB = pool.open(b.syncUrl, name, asm.facilitatorToken);
    const readerB = pool.open(b.syncUrl, name, asm.attendeeToken);
    await Promise.all([onB.synced, readerB.synced]);
    setMeta(onB.doc, { place: 'Soon gone' });
    await settled(onB);
    await a.services.deleteAssembly(asm.id);
    expect((await onB.closed).code).toBe(4404);
    expect((await readerB.closed).code).toBe(4404);
    await eventually(() => expect(b.rooms.isLoaded(name)).toBe(false));
    expect(await shared.loadDoc(name)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    expect(b.rooms.loadedAssemblies()).not.toContain(asm.id);
  });

  it('[SO33] messages someone else puts on the channels are ignored: no crash, no forged change, no forged deletion', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const writer = pool.open(a.syncUrl, name, asm.facilitatorToken);
    const reader = pool.open(b.syncUrl, name, asm.attendeeToken);
    await Promise.all([writer.synced, reader.synced]);
    const forged = new Y.Doc();
    let forgedUpdate: Uint8Array | null = null;
    forged.on('update', (u: Uint8Array) => (forgedUpdate = u));
    setMeta(forged, { place: 'Forged' });
    const stranger = new RelayCodec('stranger', 'not-the-secret-but-long-enough-0123456789');
    const ours = new RelayCodec('stranger', SECRET);
    const injector = new Redis(redis.url);
    try {
      const channel = docChannel(name);
      const payloads: [string, Buffer][] = [
        [channel, Buffer.alloc(0)],
        [channel, Buffer.from('not a message at all')],
        [channel, Buffer.alloc(1024 * 1024, 0xff)],
        [channel, stranger.encode(channel, { kind: 'update', update: forgedUpdate!, owners: [] })],
        [channel, stranger.encode(channel, { kind: 'presence', update: new Uint8Array([1, 2, 3]), link: 'x' })],
        // Sealed for another document's channel and moved here.
        [channel, ours.encode(docChannel(`${asm.id}/breakout/g1`), { kind: 'update', update: forgedUpdate!, owners: [] })],
        // Sealed correctly but malformed inside: a node must survive a buggy peer too.
        [channel, ours.encode(channel, { kind: 'update', update: new Uint8Array([9, 9, 9, 9]), owners: [] })],
        [channel, ours.encode(channel, { kind: 'presence', update: new Uint8Array([200, 200, 200]), link: 'x' })],
        [channel, ours.encode(channel, { kind: 'deleted', assemblyId: asm.id })],
        [CLUSTER_CHANNEL, Buffer.from('{"kind":"deleted"}')],
        [CLUSTER_CHANNEL, stranger.encode(CLUSTER_CHANNEL, { kind: 'deleted', assemblyId: asm.id })],
        [CLUSTER_CHANNEL, stranger.encode(CLUSTER_CHANNEL, { kind: 'revoked', linkId: 'x' })],
      ];
      for (const [ch, payload] of payloads) await injector.publish(ch, payload);
      setMeta(writer.doc, { place: 'Genuine' });
      await eventually(() => expect(readMeta(reader.doc).place).toBe('Genuine'));
      expect(b.rooms.isLoaded(name)).toBe(true);
      expect(reader.provider.wsconnected).toBe(true);
      expect((await readyz(b.url)).status).toBe(200);
      // The genuine change came after the forged one on the same channel: had it been taken, it would be here.
      const seen = JSON.stringify(reader.doc.toJSON());
      expect(seen).not.toContain('Forged');
      expect(JSON.stringify(storedNow(db, name).toJSON())).not.toContain('Forged');
    } finally {
      injector.disconnect();
    }
  });

  it('[SO34] /healthz answers 200; /readyz is 503 when the store does not answer', async () => {
    const health = await fetch(`${a.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await readyz(a.url)).toEqual({ status: 200, body: { ready: true, store: true, redis: true } });
    storeA.failPing = true;
    try {
      expect(await readyz(a.url)).toEqual({ status: 503, body: { ready: false, store: false, redis: true } });
    } finally {
      storeA.failPing = false;
    }
  });

  // Last: it restarts Redis under both nodes.
  it('[SO25] [SO26] [SO28] [SO30] [SO31] Redis lost and restarted: each node serves its own clients meanwhile, /readyz says not ready; a node that missed updates, a revocation or a deletion catches up from the store', async () => {
    const asm = await createAssembly(a.url);
    const name = `${asm.id}/plenary`;
    const writer = pool.open(a.syncUrl, name, asm.facilitatorToken);
    const localReader = pool.open(a.syncUrl, name, asm.attendeeToken);
    const remoteReader = pool.open(b.syncUrl, name, asm.attendeeToken);
    await Promise.all([writer.synced, localReader.synced, remoteReader.synced]);
    setMeta(writer.doc, { place: 'Before' });
    await eventually(() => expect(readMeta(remoteReader.doc).place).toBe('Before'));

    // A link with a socket on A, and an assembly with a socket on A, for revoking and deleting on B meanwhile.
    const other = await createAssembly(a.url);
    const keeper = await mintLink(a.url, other, { role: 'stack-keeper' });
    const keeperOnA = pool.open(a.syncUrl, `${other.id}/plenary`, keeper.token);
    const doomed = await createAssembly(a.url);
    const doomedOnA = pool.open(a.syncUrl, `${doomed.id}/plenary`, doomed.facilitatorToken);
    await Promise.all([keeperOnA.synced, doomedOnA.synced]);

    await redis.kill();
    for (const node of [a, b]) await eventually(async () => expect(await readyz(node.url)).toMatchObject({ status: 503, body: { redis: false } }));
    const revoked = await fetch(`${b.url}/api/assemblies/${other.id}/links/${keeper.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${other.facilitatorToken}` },
    });
    expect(revoked.status).toBe(204);
    await b.services.deleteAssembly(doomed.id);
    setMeta(writer.doc, { place: 'While Redis was away' });
    addItem(writer.doc, { title: 'Missed by B', kind: 'discussion', minutes: 5 });
    await eventually(() => expect(readMeta(localReader.doc).place).toBe('While Redis was away'));
    await settled(remoteReader);
    expect(readMeta(remoteReader.doc).place).toBe('Before');

    await redis.restart();
    await eventually(() => expect(readMeta(remoteReader.doc).place).toBe('While Redis was away'), { timeout: 10_000 });
    expect(readAgenda(remoteReader.doc).map((i) => i.title)).toEqual(['Missed by B']);
    for (const node of [a, b]) await eventually(async () => expect((await readyz(node.url)).status).toBe(200), { timeout: 10_000 });
    // The revocation and the deletion A missed are found in the store ([SO30], [SO31]).
    expect((await keeperOnA.closed).code).toBe(4401);
    expect((await doomedOnA.closed).code).toBe(4404);
    // And the relay works again.
    setMeta(writer.doc, { place: 'After' });
    await eventually(() => expect(readMeta(remoteReader.doc).place).toBe('After'));
  });
});
