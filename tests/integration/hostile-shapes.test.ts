/**
 * Whatever shape a writer put into a document (old data, a bug, a forged update stored before
 * writes were checked), every page still renders and every server-applied command still works:
 * no 5xx, an answer within PAGE_MS, and the server's memory bounded ([R3]–[R8]).
 *
 * A real server process (pages need the Remix build: `npm run build`). Hostile shapes go in two
 * ways: straight into the store while the server is down (what got in before validation), and
 * live through a facilitator's stock y-websocket client (facilitators write most of the plenary).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, itemsMap } from '../../app/model/agenda.js';
import { planRound, roundsMap, startRound } from '../../app/model/breakouts.js';
import { appendParagraph, NOTES_FIELD, REPORT_FIELD } from '../../app/model/notes.js';
import { addProposal, openVote } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { raiseHand } from '../../app/model/stack.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import { connect, eventually, type Client } from '../helpers/clients.js';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { appendStored, mutateNotes, mutatePlenary, pushNested, seeded } from '../helpers/hostile.js';
import { createAssembly, mintLink, tempDataDir, type CreatedAssembly } from '../helpers/server.js';

/** Each page and command answers within this. */
const PAGE_MS = 5_000;
/** The server's resident memory stays under this, whatever the documents hold (it once reached 4.8 GB). */
const MAX_RSS_MB = 1_200;
/** HOSTILE_SEEDS=1,2,3 runs other seeds (to hunt); a seed that once failed stays in this list. */
const SEEDS = process.env.HOSTILE_SEEDS ? process.env.HOSTILE_SEEDS.split(',').map(Number) : [11, 23, 101, 4242, 90210];

const dataDir = tempDataDir('plenary-hostile-');
let server: ChildServer;
const clients: Client[] = [];
/** What the server wrote to stderr since it started on the hostile data. */
let log = '';

interface Room extends CreatedAssembly {
  item: string;
  table: string;
  proposal: string;
  /** The other writing roles: the stack-keeper (plenary) and the note-taker of `table`. */
  keeperToken: string;
  noteTakerToken: string;
}

const rooms: Record<string, Room> = {};

function open(docName: string, token: string): Client {
  const c = connect(server.syncUrl, docName, token);
  clients.push(c);
  return c;
}

/** An assembly with one of everything, made the way the UI makes it. */
async function setUp(name: string): Promise<Room> {
  const asm = await createAssembly(server.url, `Assembly ${name}`);
  const f = open(`${asm.id}/plenary`, asm.facilitatorToken);
  await f.synced;
  const item = addItem(f.doc, { title: 'Breakouts', kind: 'breakout', minutes: 30 });
  addItem(f.doc, { title: 'Proposals', kind: 'proposal', minutes: 20 });
  goToItem(f.doc, item, Date.now());
  planRound(f.doc, item, { prompts: ['What do we demand?'], minutes: 15, assignment: 'count-off', tables: [{ label: '' }, { label: '' }, { label: '' }] });
  startRound(f.doc, item, Date.now());
  const proposal = addProposal(f.doc, { itemId: item, text: 'Strike on Monday' }, Date.now());
  openVote(f.doc, proposal);
  raiseHand(f.doc, { name: 'Amina', kind: 'speak' }, Date.now());
  const table = `${item}-t1`;
  for (const docName of [`${asm.id}/breakout/${table}`, `${asm.id}/notes/${item}`]) {
    const n = open(docName, asm.facilitatorToken);
    await n.synced;
    appendParagraph(n.doc, NOTES_FIELD, 'We met.');
    appendParagraph(n.doc, REPORT_FIELD, 'We want a raise.');
  }
  // Stored once a reader sees it.
  const reader = open(`${asm.id}/plenary`, asm.attendeeToken);
  await eventually(() => expect(reader.doc.getMap('proposals').size).toBe(1));
  const keeperToken = (await mintLink(server.url, asm, { role: 'stack-keeper' })).token;
  const noteTakerToken = (await mintLink(server.url, asm, { role: 'note-taker', scope: table })).token;
  const room = { ...asm, item, table, proposal, keeperToken, noteTakerToken };
  rooms[name] = room;
  return room;
}

function rssMb(): number {
  const status = fs.readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** One request, refused if it takes longer than PAGE_MS. */
async function answer(path: string, token: string, body?: Record<string, string>): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${server.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}` },
    body: body ? new URLSearchParams(body) : undefined,
    redirect: 'manual',
    signal: AbortSignal.timeout(PAGE_MS),
  }).catch((err: Error) => {
    throw new Error(`${body ? 'POST' : 'GET'} ${path}: no answer within ${PAGE_MS} ms (${err.name})`);
  });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

async function expectAnswered(path: string, token: string, body?: Record<string, string>): Promise<number> {
  const { status } = await answer(path, token, body);
  // On a 5xx, the server's last words say why.
  expect(status, `${body ? `POST ${body.intent}` : 'GET'} ${path}\n${status >= 500 ? log.slice(-3000) : ''}`).toBeLessThan(500);
  return status;
}

/** Every page, then every server-applied command, as the room would use them. */
async function visitEverything(room: Room): Promise<void> {
  const a = `/a/${room.id}`;
  const f = room.facilitatorToken;
  const p = room.attendeeToken;
  for (const page of [
    `${a}/facilitate`,
    `${a}/stack`,
    a,
    `${a}/screen`,
    `${a}/breakout/${room.table}`,
    `${a}/notes`,
    `${a}/notes?item=${room.item}`,
    `${a}/minutes/edit`,
  ]) {
    await expectAnswered(page, f);
  }
  for (const page of [a, `${a}/screen`, `${a}/breakout/${room.table}`]) await expectAnswered(page, p);
  await expectAnswered(`${a}/minutes/edit`, f, { intent: 'draft', attendance: '', includeNames: 'on' });
  await expectAnswered(`${a}?index`, p, { intent: 'raise', name: 'Ben', kind: 'speak' });
  await expectAnswered(`${a}?index`, p, { intent: 'join-table', table: room.table });
  await expectAnswered(`${a}?index`, p, { intent: 'vote', proposalId: room.proposal, choice: 'for' });
  await expectAnswered(`${a}/facilitate`, f, { intent: 'end-round' });
}

beforeAll(async () => {
  server = await spawnServer(dataDir);
  await setUp('table-count');
  await setUp('agenda-item');
  await setUp('quotes');
  for (const seed of SEEDS) await setUp(`seed-${seed}`);
  for (const c of clients.splice(0)) c.destroy();
  server.process.kill('SIGTERM');
  await server.exited;

  // What got into the store before anything checked it.
  const store = new SqliteStore(`${dataDir}/plenary.sqlite`);
  const r = rooms['table-count'];
  await appendStored(store, `${r.id}/plenary`, (doc) => (roundsMap(doc).get(r.item) as Y.Map<unknown>).set('tableCount', 20_000_000));
  const g = rooms['agenda-item'];
  await appendStored(store, `${g.id}/plenary`, (doc) => {
    itemsMap(doc).set('x', 5);
    itemsMap(doc).set('s', 'an item');
    itemsMap(doc).set('a', Y.Array.from([1, 2]));
    // The current item too: the room "is on" a number.
    itemsMap(doc).set(g.item, 7);
    doc.getMap('proposals').set(g.proposal, 'not a proposal');
  });
  const q = rooms.quotes;
  for (const docName of [`${q.id}/breakout/${q.table}`, `${q.id}/notes/${q.item}`]) {
    await appendStored(store, docName, (doc) => {
      pushNested(doc.getXmlFragment(REPORT_FIELD), 20_000);
      pushNested(doc.getXmlFragment(NOTES_FIELD), 20_000);
    });
  }
  for (const seed of SEEDS) {
    const room = rooms[`seed-${seed}`];
    const rng = seeded(seed);
    await appendStored(store, `${room.id}/plenary`, (doc) => mutatePlenary(doc, rng, 40));
    await appendStored(store, `${room.id}/breakout/${room.table}`, (doc) => mutateNotes(doc, REPORT_FIELD, rng, 4));
    await appendStored(store, `${room.id}/notes/${room.item}`, (doc) => mutateNotes(doc, NOTES_FIELD, rng, 4));
  }
  await store.close();
  server = await spawnServer(dataDir);
  server.process.stderr!.on('data', (d) => (log += d));
}, 120_000);

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  server?.process.kill('SIGKILL');
  await server?.exited;
});

describe('known cases', () => {
  it('[R3] a round with tableCount 20,000,000: every page answers in time and memory stays bounded', async () => {
    await visitEverything(rooms['table-count']);
    expect(rssMb()).toBeLessThan(MAX_RSS_MB);
  });

  it('[R4][R7] non-map agenda items (the current one too) and a non-map proposal: the console, stack, phone and projector render', async () => {
    const g = rooms['agenda-item'];
    for (const page of ['facilitate', 'stack', 'screen']) expect((await answer(`/a/${g.id}/${page}`, g.facilitatorToken)).status).toBe(200);
    expect((await answer(`/a/${g.id}`, g.attendeeToken)).status).toBe(200);
    await visitEverything(g);
    // Skipped, and said so in the log: one structured line for this document, not one per view.
    const lines = log
      .split('\n')
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as { msg: string; doc?: string; count?: number; paths?: string[] }];
        } catch {
          return []; // not a structured line (another rule's business)
        }
      })
      .filter((l) => l.msg === 'document entries of the wrong shape skipped' && l.doc === `${g.id}/plenary`);
    expect(lines).toHaveLength(1);
    expect(lines[0].paths).toEqual(
      expect.arrayContaining(['agendaItems/x', 'agendaItems/s', 'agendaItems/a', `agendaItems/${g.item}`, `proposals/${g.proposal}`]),
    );
  });

  it('[R5] 20,000 nested blockquotes in a report-back and in the notes: "End round" and the minutes draft work', async () => {
    const q = rooms.quotes;
    const draft = await fetch(`${server.url}/a/${q.id}/minutes/edit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${q.facilitatorToken}` },
      body: new URLSearchParams({ intent: 'draft', attendance: '', includeNames: 'on' }),
      signal: AbortSignal.timeout(PAGE_MS),
    });
    expect(draft.status).toBe(200);
    expect(await draft.text()).toContain('deep point');
    const end = await answer(`/a/${q.id}/facilitate`, q.facilitatorToken, { intent: 'end-round' });
    expect(end.status).toBe(200);
    await visitEverything(q);
  });
});

describe('[R6] seeded hostile documents', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: stored shapes, then live ones from every writing role's socket; every page and command answers`, async () => {
      const room = rooms[`seed-${seed}`];
      await visitEverything(room);
      // The same attacker, live: stock clients on each writing role's link.
      const rng = seeded(seed * 7 + 1);
      const writers = [
        { client: open(`${room.id}/plenary`, room.facilitatorToken), change: (doc: Y.Doc) => mutatePlenary(doc, rng, 30) },
        { client: open(`${room.id}/plenary`, room.keeperToken), change: (doc: Y.Doc) => mutatePlenary(doc, rng, 30) },
        { client: open(`${room.id}/breakout/${room.table}`, room.facilitatorToken), change: (doc: Y.Doc) => mutateNotes(doc, NOTES_FIELD, rng, 3) },
        { client: open(`${room.id}/breakout/${room.table}`, room.noteTakerToken), change: (doc: Y.Doc) => mutateNotes(doc, REPORT_FIELD, rng, 3) },
      ];
      for (const { client, change } of writers) {
        await client.synced;
        change(client.doc);
        // Stored once another client has it all. A server that checks writes may refuse some
        // of it (closing the socket): the pages are then visited with what it kept.
        const watcher = open(client.provider.roomname, room.facilitatorToken);
        const same = () => expect(Buffer.from(Y.encodeStateVector(watcher.doc))).toEqual(Buffer.from(Y.encodeStateVector(client.doc)));
        await Promise.race([eventually(same, { timeout: 3_000 }).catch(() => undefined), client.closed]);
        watcher.destroy();
      }
      await visitEverything(room);
      expect(rssMb()).toBeLessThan(MAX_RSS_MB);
      for (const { client } of writers) client.destroy();
    });
  }
});
