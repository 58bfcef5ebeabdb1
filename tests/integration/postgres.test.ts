/**
 * A whole Plenary on a real PostgreSQL ([SO1], [SO6]–[SO11]): the API, stock y-websocket
 * clients, a restart on the same database, the console's delete read back from the tables; the
 * database lost while running; and real processes (`npm start`'s entry) refusing bad settings in
 * one line, or starting two at once on one database with no data folder of their own.
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { appendParagraph } from '../../app/model/notes.js';
import { spawnServer, type ChildServer } from '../helpers/child-server.js';
import { connect, eventually, settled } from '../helpers/clients.js';
import { startFlakyProxy } from '../helpers/flaky-proxy.js';
import { plainText } from '../helpers/notes.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { createAssembly, startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(() => cluster?.stop());

const SECRET = 'a-session-secret-shared-by-every-node-0123456789';
const dbName = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const count = async (db: string, table: string, where: string, params: unknown[]) =>
  Number((await cluster.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params, db))[0].n);

/** Every table of Plenary's with a column naming the assembly (join codes through their link). */
const BY_ASSEMBLY: [string, string][] = [
  ['assemblies', 'id = $1'],
  ['links', 'assembly_id = $1'],
  ['join_codes', 'link_id IN (SELECT id FROM links WHERE assembly_id = $1)'],
  ['doc_updates', 'assembly_id = $1'],
  ['doc_snapshots', 'assembly_id = $1'],
  ['minutes', 'assembly_id = $1'],
  ['minutes_drafts', 'assembly_id = $1'],
  ['minutes_translations', 'assembly_id = $1'],
  ['voting_rights', 'assembly_id = $1'],
  ['votes', 'assembly_id = $1'],
];

describe('one Plenary on PostgreSQL', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('[SO1] [SO10] [SO11] documents written by a stock client survive a restart on the same database; deleting the assembly leaves no row of it', async () => {
    const url = await cluster.createDatabase('whole');
    const db = dbName(url);
    const first = await startTestServer({ databaseUrl: url, remix: 'build', sync: { compactAfter: 20 } });
    servers.push(first);
    const doomed = await createAssembly(first.url, 'Assembly Teal-Quarry-4471');
    const kept = await createAssembly(first.url, 'Assembly Amber-Meadow-1180');
    const writer = connect(first.syncUrl, `${doomed.id}/plenary`, doomed.facilitatorToken);
    await writer.synced;
    // Enough separate batches to be compacted on the way ([S9]).
    for (let i = 0; i < 30; i++) {
      addItem(writer.doc, { title: `Item ${i}`, kind: 'discussion', minutes: 5 });
      await new Promise((r) => setImmediate(r));
    }
    const notes = connect(first.syncUrl, `${doomed.id}/notes/n1`, doomed.facilitatorToken);
    await notes.synced;
    appendParagraph(notes.doc, 'notes', 'Note Cobalt-Fern-2290');
    await settled(writer, notes);
    writer.destroy();
    notes.destroy();
    await first.close();
    servers.splice(0);
    // No data folder is used: no database file, lock or secret of this node's own.
    expect(fs.readdirSync(first.dataDir)).toEqual([]);

    const second = await startTestServer({ databaseUrl: url, remix: 'build' });
    servers.push(second);
    const reader = connect(second.syncUrl, `${doomed.id}/plenary`, doomed.attendeeToken);
    const notesAgain = connect(second.syncUrl, `${doomed.id}/notes/n1`, doomed.facilitatorToken);
    await Promise.all([reader.synced, notesAgain.synced]);
    expect(readAgenda(reader.doc).map((i) => i.title)).toEqual(Array.from({ length: 30 }, (_, i) => `Item ${i}`));
    expect(plainText(notesAgain.doc)).toContain('Note Cobalt-Fern-2290');
    expect(await count(db, 'doc_snapshots', 'assembly_id = $1', [doomed.id])).toBeGreaterThan(0);
    reader.destroy();
    notesAgain.destroy();

    // The console's delete, as a facilitator does it.
    const res = await fetch(`${second.url}/a/${doomed.id}/facilitate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${doomed.facilitatorToken}` },
      body: new URLSearchParams({ intent: 'delete', confirm: 'Assembly Teal-Quarry-4471' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    for (const [table, where] of BY_ASSEMBLY) {
      expect([table, await count(db, table, where, [doomed.id])]).toEqual([table, 0]);
    }
    // The other assembly is untouched, and no stored text names the deleted one.
    expect(await count(db, 'links', 'assembly_id = $1', [kept.id])).toBeGreaterThan(0);
    expect(await count(db, 'doc_updates', "position(convert_to('Cobalt-Fern', 'UTF8') in data) > 0", [])).toBe(0);
    expect(await count(db, 'doc_snapshots', "position(convert_to('Teal-Quarry', 'UTF8') in data) > 0", [])).toBe(0);
    expect((await fetch(`${second.url}/a/${doomed.id}`, { headers: { authorization: `Bearer ${doomed.attendeeToken}` } })).status).toBe(404);
  });

  it('[SO8] the database lost while running: creating answers 503 with Retry-After, edits wait in memory and are stored once it is back', async () => {
    const url = await cluster.createDatabase('lost');
    const proxy = await startFlakyProxy(`http://127.0.0.1:${cluster.port}`);
    const server = await startTestServer({ databaseUrl: `postgres://postgres@${new URL(proxy.url).host}/${dbName(url)}` });
    servers.push(server);
    const asm = await createAssembly(server.url, 'Before the cut');
    const writer = connect(server.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
    await writer.synced;

    proxy.setMode('reset');
    const refused = await fetch(`${server.url}/api/assemblies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'During the cut' }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    addItem(writer.doc, { title: 'Typed while the database was away', kind: 'discussion', minutes: 5 });
    // The server holds the edit, unsaved and retrying: nobody is shown it yet ([S6]).
    const room = await server.rooms.acquire(parseDocName(`${asm.id}/plenary`)!);
    await eventually(() => expect(room.hasUnsaved).toBe(true));
    server.rooms.release(room);

    proxy.setMode('pass');
    await eventually(
      async () => {
        const copy = connect(server.syncUrl, `${asm.id}/plenary`, asm.attendeeToken);
        try {
          await copy.synced;
          expect(readAgenda(copy.doc).map((i) => i.title)).toContain('Typed while the database was away');
        } finally {
          copy.destroy();
        }
      },
      { timeout: 15_000, interval: 250 },
    );
    expect(await count(dbName(url), 'doc_updates', 'assembly_id = $1', [asm.id])).toBeGreaterThan(1);
    expect(
      (
        await fetch(`${server.url}/api/assemblies`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'After' }),
        })
      ).status,
    ).toBe(201);
    writer.destroy();
    await proxy.close();
  }, 30_000);
});

describe('[SO9] real processes on PostgreSQL', () => {
  const running: ChildServer[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) {
      s.process.kill('SIGKILL');
      await s.exited;
    }
  });
  const refusal = async (env: Record<string, string>) => {
    const outcome = await spawnServer(tempDataDir(), env).then(
      (s) => {
        running.push(s);
        return null;
      },
      (err: Error) => err.message,
    );
    if (outcome === null) throw new Error('the server started; it should have refused');
    expect(outcome).toMatch(/^server exited with 1 before listening/);
    expect(outcome).not.toMatch(/\n\s+at /);
    return outcome;
  };

  it('[SO9] refuses DATABASE_URL without SESSION_SECRET, and a database out of reach, in one line without the password', async () => {
    expect(process.env.SESSION_SECRET).toBeUndefined();
    const url = await cluster.createDatabase('refuse');
    expect(await refusal({ DATABASE_URL: url })).toMatch(/with DATABASE_URL set, SESSION_SECRET must be set too/);
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const away = await refusal({ DATABASE_URL: `postgres://plenary:Sesame-Pw-77@127.0.0.1:${port}/plenary`, SESSION_SECRET: SECRET });
    expect(away).toMatch(/Plenary cannot start: the database at 127\.0\.0\.1:\d+\/plenary cannot be used/);
    expect(away).not.toContain('Sesame');
    expect(away.trim().split('\n')).toHaveLength(2); // the helper's first line, then one line
  });

  it('[SO9] two processes start on one database at once (no folder lock), and a session made on one opens the other', async () => {
    const url = await cluster.createDatabase('two_nodes');
    const dirs = [tempDataDir(), tempDataDir()];
    const [a, b] = await Promise.all(dirs.map((dir) => spawnServer(dir, { DATABASE_URL: url, SESSION_SECRET: SECRET })));
    running.push(a, b);
    for (const dir of dirs) expect(fs.readdirSync(dir)).toEqual([]);
    const asm = await createAssembly(a.url);
    const join = await fetch(`${a.url}/join/${asm.facilitatorToken}`, { redirect: 'manual' });
    const cookie = join.headers.get('set-cookie')!.split(';')[0];
    const links = await fetch(`${b.url}/api/assemblies/${asm.id}/links`, { headers: { cookie } });
    expect(links.status).toBe(200);
    expect(((await links.json()) as { links: unknown[] }).links.length).toBeGreaterThanOrEqual(2);
  });
});
