/**
 * Field-level write rights over real sockets ([F1]–[F6], [B8]): stock y-websocket clients on each
 * role's link send crafted changes; the server refuses what the role may not write, stores and
 * relays nothing of it, and everyone else carries on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientPool, closeCodeOf, eventually, rawSocket, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { CloseCode, encodeUpdate } from '../../server/sync/protocol.js';
import { parseDocName, MAX_DOC_BYTES } from '../../server/sync/doc-name.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal, countCast, getProposal, openVote } from '../../app/model/proposals.js';
import { planRound, readRound } from '../../app/model/breakouts.js';
import { firstText, plainText } from '../helpers/notes.js';

let server: TestServer;
let asm: CreatedAssembly;
let keeperToken: string;
let tableToken: string;
let itemId: string;
let proposalId: string;
const pool = clientPool();
const plenary = () => `${asm.id}/plenary`;

/** A change applied on the server, as an attendee's command is (not from any socket). */
async function onServer(docName: string, change: (doc: Y.Doc) => void) {
  const room = await server.rooms.acquire(parseDocName(docName)!);
  try {
    room.doc.transact(() => change(room.doc), 'command');
    await room.flush();
  } finally {
    server.rooms.release(room);
  }
}

/** What a fresh facilitator client sees once synced: the stored, relayed truth. */
async function freshView(docName = plenary()): Promise<Client> {
  const c = pool.open(server.syncUrl, docName, asm.facilitatorToken);
  await c.synced;
  return c;
}

beforeAll(async () => {
  server = await startTestServer();
  asm = await createAssembly(server.url, 'Hall A');
  keeperToken = (await mintLink(server.url, asm, { role: 'stack-keeper' })).token;
  const f = await freshView();
  itemId = addItem(f.doc, { title: 'Proposals', kind: 'proposal', minutes: 30 });
  goToItem(f.doc, itemId, Date.now());
  proposalId = addProposal(f.doc, { itemId, text: 'Strike on May 1' }, Date.now());
  planRound(f.doc, itemId, { prompts: ['What next?'], minutes: 10, assignment: 'count-off', tables: [{ label: '' }, { label: '' }] });
  await eventually(async () => expect(getProposal((await freshView()).doc, proposalId)).not.toBeNull());
  // The server opens the vote and counts three ballots, as it does for phones.
  await onServer(plenary(), (doc) => {
    openVote(doc, proposalId);
    for (let i = 0; i < 3; i++) countCast(doc, proposalId);
  });
  tableToken = (await mintLink(server.url, asm, { role: 'note-taker', scope: `${itemId}-t1` })).token;
});

afterAll(async () => {
  pool.destroyAll();
  await server.close();
});

describe('[F2] the forged vote result from the adversarial test', () => {
  it('[F2] a stack-keeper link writing against=999, closed=true is cut off with 4403; nobody sees it, the vote stays open', async () => {
    const watcher = await freshView();
    const keeper = pool.open(server.syncUrl, plenary(), keeperToken);
    await keeper.synced;
    const map = keeper.doc.getMap('proposals').get(proposalId) as Y.Map<unknown>;
    keeper.doc.transact(() => {
      map.set('counts', { for: 0, against: 999, abstain: 0 });
      map.set('vote', { open: false, cast: 999, closed: true });
    });
    expect((await keeper.closed).code).toBe(CloseCode.forbidden);
    // A marker written after the forgery by the facilitator arrives; the forgery never does.
    watcher.doc.getMap('run').set('announcement', 'after the forgery');
    const later = await freshView();
    await eventually(() => expect(later.doc.getMap('run').get('announcement')).toBe('after the forgery'));
    const seen = getProposal(later.doc, proposalId)!;
    expect(seen.vote).toEqual({ open: true, cast: 3, closed: false });
    expect(seen.counts.against).toBe(0);
    expect(getProposal(watcher.doc, proposalId)!.vote.open).toBe(true);
  });

  it('[F2] a facilitator link cannot write the tally either (4403)', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
    await f.synced;
    (f.doc.getMap('proposals').get(proposalId) as Y.Map<unknown>).set('vote', { open: false, cast: 3, closed: true });
    expect((await f.closed).code).toBe(CloseCode.forbidden);
    expect(getProposal((await freshView()).doc, proposalId)!.vote.open).toBe(true);
  });
});

describe('[F1][F3] each writing role against the parts it may not change', () => {
  it('[F1] a stack-keeper setting a round to 20,000,000 tables is cut off (4403) and the round keeps its 2', async () => {
    const keeper = pool.open(server.syncUrl, plenary(), keeperToken);
    await keeper.synced;
    (keeper.doc.getMap('breakoutRounds').get(itemId) as Y.Map<unknown>).set('tableCount', 20_000_000);
    expect((await keeper.closed).code).toBe(CloseCode.forbidden);
    expect(readRound((await freshView()).doc, itemId)!.tables).toHaveLength(2);
  });

  it('[F3] a facilitator setting it is refused as malformed (4400)', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
    await f.synced;
    (f.doc.getMap('breakoutRounds').get(itemId) as Y.Map<unknown>).set('tableCount', 20_000_000);
    expect((await f.closed).code).toBe(CloseCode.badRequest);
    expect(readRound((await freshView()).doc, itemId)!.tables).toHaveLength(2);
  });

  it('[F3] a facilitator writing a non-map agenda item is refused (4400); the agenda still reads', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
    await f.synced;
    f.doc.getMap('agendaItems').set('broken', 5);
    expect((await f.closed).code).toBe(CloseCode.badRequest);
    expect((await freshView()).doc.getMap('agendaItems').has('broken')).toBe(false);
  });

  it('[F1] a stack-keeper editing the agenda is cut off (4403)', async () => {
    const keeper = pool.open(server.syncUrl, plenary(), keeperToken);
    await keeper.synced;
    (keeper.doc.getMap('agendaItems').get(itemId) as Y.Map<unknown>).set('title', 'Renamed by the keeper');
    expect((await keeper.closed).code).toBe(CloseCode.forbidden);
  });

  it('[F1] a stack-keeper keeps the stack: a hand added by the keeper reaches everyone', async () => {
    const keeper = pool.open(server.syncUrl, plenary(), keeperToken);
    await keeper.synced;
    const m = new Y.Map<unknown>();
    keeper.doc.transact(() => {
      keeper.doc.getMap('stackEntries').set('keeperhand1', m);
      m.set('name', 'Amina');
      m.set('kind', 'speak');
      m.set('itemId', itemId);
      m.set('raisedAt', Date.now());
      m.set('owner', '');
      m.set('status', 'waiting');
    });
    const f = await freshView();
    await eventually(() => expect((f.doc.getMap('stackEntries').get('keeperhand1') as Y.Map<unknown>)?.get('name')).toBe('Amina'));
    expect(keeper.provider.wsconnected).toBe(true);
  });

  it('[F4] a table’s note-taker writes its notes but not another top-level type (4400)', async () => {
    const table = `${asm.id}/breakout/${itemId}-t1`;
    const nt = pool.open(server.syncUrl, table, tableToken);
    await nt.synced;
    firstText(nt.doc).insert(0, 'We want a strike fund');
    const f = await freshView(table);
    await eventually(() => expect(plainText(f.doc)).toBe('We want a strike fund'));
    nt.doc.getMap('meta').set('title', 'hijacked');
    expect((await nt.closed).code).toBe(CloseCode.badRequest);
    expect((await freshView(table)).doc.share.has('meta')).toBe(false);
  });
});

describe('[B8] documents have a size limit; updates with missing dependencies are not kept', () => {
  it('[B8] a note-taker sending frames just under the frame limit is cut off (4413) when the document is full', async () => {
    const table = `${asm.id}/breakout/${itemId}-t2`;
    const token = (await mintLink(server.url, asm, { role: 'note-taker', scope: `${itemId}-t2` })).token;
    const ws = await rawSocket(server.syncUrl, table, token);
    const closed = closeCodeOf(ws);
    const client = new Y.Doc();
    const chunk = 'x'.repeat(1000 * 1000 - 100);
    let sent = 0;
    let code: number | null = null;
    void closed.then((c) => (code = c.code));
    for (let i = 0; i < 5 && code === null; i++) {
      const sv = Y.encodeStateVector(client);
      firstText(client).insert(0, chunk);
      ws.send(encodeUpdate(Y.encodeStateAsUpdate(client, sv)));
      sent++;
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await closed).code).toBe(CloseCode.tooLarge);
    expect(sent).toBeGreaterThan(1);
    const room = await server.rooms.acquire(parseDocName(table)!);
    try {
      expect(Y.encodeStateAsUpdate(room.doc).length).toBeLessThanOrEqual(MAX_DOC_BYTES.breakout);
    } finally {
      server.rooms.release(room);
    }
  });

  it('[F5] a reconnecting writer’s edit that arrives before the offline edits under it waits for them, then both land', async () => {
    const ws = await rawSocket(server.syncUrl, plenary(), asm.facilitatorToken);
    const view = await freshView();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(view.doc));
    const base = Y.encodeStateVector(client);
    client.getMap('run').set('announcement', 'typed offline');
    const offline = Y.encodeStateAsUpdate(client, base);
    const mid = Y.encodeStateVector(client);
    client.getMap('meta').set('place', 'Typed after reconnecting');
    ws.send(encodeUpdate(Y.encodeStateAsUpdate(client, mid)));
    ws.send(encodeUpdate(offline));
    await eventually(() => {
      expect(view.doc.getMap('meta').get('place')).toBe('Typed after reconnecting');
      expect(view.doc.getMap('run').get('announcement')).toBe('typed offline');
    });
    ws.close();
  });

  it('[F5] updates whose dependencies never come are not kept: past 256 KiB waiting, 4400, and nothing waits in memory', async () => {
    const ws = await rawSocket(server.syncUrl, plenary(), asm.facilitatorToken);
    const closed = closeCodeOf(ws);
    const client = new Y.Doc();
    client.getMap('run').set('announcement', 'never sent');
    let code: number | null = null;
    void closed.then((c) => (code = c.code));
    for (let i = 0; i < 10 && code === null; i++) {
      const sv = Y.encodeStateVector(client);
      client.getMap('meta').set('place', `${i}`.padEnd(190, '.'));
      const item = new Y.Map<unknown>();
      client.getMap('agendaItems').set(`held${i}`, item);
      item.set('description', 'x'.repeat(5000));
      for (let j = 0; j < 8; j++) client.getMap('agendaItems').set(`held${i}x${j}`, new Y.Map<unknown>([['description', 'y'.repeat(4000)]]));
      ws.send(encodeUpdate(Y.encodeStateAsUpdate(client, sv)));
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await closed).code).toBe(CloseCode.badRequest);
    const room = await server.rooms.acquire(parseDocName(plenary())!);
    try {
      expect(room.doc.store.pendingStructs).toBeNull();
      expect(room.doc.store.pendingDs).toBeNull();
      expect(room.doc.getMap('agendaItems').has('held0')).toBe(false);
    } finally {
      server.rooms.release(room);
    }
  });

  it('[F5] many tiny updates waiting for what they build on: cut off past 64 frames, without rebuilding anything per frame', async () => {
    const ws = await rawSocket(server.syncUrl, plenary(), asm.facilitatorToken);
    const closed = closeCodeOf(ws);
    const client = new Y.Doc();
    client.getMap('run').set('announcement', 'never sent');
    let code: number | null = null;
    void closed.then((c) => (code = c.code));
    let sent = 0;
    for (let i = 0; i < 100 && code === null; i++) {
      const sv = Y.encodeStateVector(client);
      client.getMap('meta').set('place', `${i}`);
      ws.send(encodeUpdate(Y.encodeStateAsUpdate(client, sv)));
      sent++;
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await closed).code).toBe(CloseCode.badRequest);
    expect(sent).toBeGreaterThan(64);
    expect(sent).toBeLessThan(100);
  });

  it('[B8] a delete set that splits every other character cannot push a table past its limit (4413)', async () => {
    const table = `${asm.id}/breakout/${itemId}-t3`;
    const token = (await mintLink(server.url, asm, { role: 'note-taker', scope: `${itemId}-t3` })).token;
    const nt = pool.open(server.syncUrl, table, token);
    await nt.synced;
    // A table already near its limit (one long paste), then 5,000 separate one-character deletions.
    const text = firstText(nt.doc);
    text.insert(0, 'ab'.repeat(5_000) + 'x'.repeat(950_000));
    await eventually(async () => expect(plainText((await freshView(table)).doc).length).toBe(960_000));
    nt.doc.transact(() => {
      for (let i = 9_999; i >= 0; i -= 2) text.delete(i, 1);
    });
    expect((await nt.closed).code).toBe(CloseCode.tooLarge);
    const room = await server.rooms.acquire(parseDocName(table)!);
    try {
      expect(Y.encodeStateAsUpdate(room.doc).length).toBeLessThanOrEqual(MAX_DOC_BYTES.breakout);
      expect(plainText(room.doc).length).toBe(960_000);
    } finally {
      server.rooms.release(room);
    }
  });
});

describe('[F7] nobody writes under another writer’s Yjs client id', () => {
  it('[F7] a stack-keeper writing an allowed hand under the facilitator’s client id is cut off (4403); the facilitator’s own edits still land', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
    await f.synced;
    f.doc.getMap('run').set('announcement', 'from the facilitator');
    await eventually(async () => expect((await freshView()).doc.getMap('run').get('announcement')).toBe('from the facilitator'));
    const ws = await rawSocket(server.syncUrl, plenary(), keeperToken);
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
    const view = await freshView();
    await eventually(() => expect(view.doc.getMap('run').get('announcement')).toBe('still the facilitator'));
    expect(view.doc.getMap('stack').get('hideNames')).toBeUndefined();
  });
});

describe('[F7] client ids stay owned when a document unloads', () => {
  it('[F7] after a table’s document unloads, another link still cannot write under the facilitator’s client id (4403)', async () => {
    const quick = await startTestServer({ sync: { unloadAfterMs: 20 } });
    try {
      const a = await createAssembly(quick.url, 'Unload');
      const table = `${a.id}/breakout/i1-t1`;
      const nt = (await mintLink(quick.url, a, { role: 'note-taker', scope: 'i1-t1' })).token;
      const f = pool.open(quick.syncUrl, table, a.facilitatorToken);
      await f.synced;
      firstText(f.doc).insert(0, 'Facilitator, before going offline');
      await eventually(() => expect(quick.rooms.isLoaded(table)).toBe(true));
      const view = pool.open(quick.syncUrl, table, a.facilitatorToken);
      await eventually(() => expect(plainText(view.doc)).toContain('before going offline'));
      f.provider.disconnect();
      view.destroy();
      await eventually(() => expect(quick.rooms.isLoaded(table)).toBe(false));
      const ws = await rawSocket(quick.syncUrl, table, nt);
      const closed = closeCodeOf(ws);
      const forger = new Y.Doc();
      Y.applyUpdate(forger, Y.encodeStateAsUpdate(f.doc));
      forger.clientID = f.doc.clientID;
      const sv = Y.encodeStateVector(forger);
      firstText(forger).insert(0, 'x');
      ws.send(encodeUpdate(Y.encodeStateAsUpdate(forger, sv)));
      expect((await closed).code).toBe(CloseCode.forbidden);
    } finally {
      await quick.close();
    }
  });
});

describe('[F5] what waits is bounded per document too', () => {
  it('[F5] writers’ sockets together hold at most 1 MiB of waiting updates: the socket past it is cut off (4400)', async () => {
    const codes: number[] = [];
    const sockets = [];
    for (let i = 0; i < 5; i++) {
      const ws = await rawSocket(server.syncUrl, plenary(), asm.facilitatorToken);
      sockets.push(ws);
      void closeCodeOf(ws).then((c) => codes.push(c.code));
      const client = new Y.Doc();
      client.getMap('run').set('announcement', 'never sent');
      const sv = Y.encodeStateVector(client);
      client.getMap('meta').set('place', `socket ${i}`);
      const item = new Y.Map<unknown>();
      client.getMap('agendaItems').set(`wait${i}`, item);
      for (let j = 0; j < 50; j++) client.getMap('agendaItems').set(`wait${i}x${j}`, new Y.Map<unknown>([['description', 'z'.repeat(4_900)]]));
      const update = Y.encodeStateAsUpdate(client, sv);
      expect(update.length).toBeLessThan(256 * 1024);
      expect(update.length).toBeGreaterThan(230 * 1024);
      ws.send(encodeUpdate(update));
    }
    await eventually(() => expect(codes).toContain(CloseCode.badRequest));
    expect(codes).toHaveLength(1);
    for (const ws of sockets) ws.close();
  });
});
