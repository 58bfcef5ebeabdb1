/**
 * What only the Postgres store has to show, on a real throwaway cluster: migrations under a lock
 * ([SO2]), rows of a deleted assembly refused ([SO4]), a lower sequence committing late ([SO5]),
 * a database out of reach at start ([SO7]) and while running ([SO8]), VACUUM after a delete ([SO12]).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { silentLogger } from '../../server/logger.js';
import { StartupError } from '../../server/startup-error.js';
import { PgDb } from '../../server/storage/postgres-db.js';
import { migrate, MIGRATIONS } from '../../server/storage/postgres-migrations.js';
import { PostgresStore } from '../../server/storage/postgres-store.js';
import { isStorageUnavailable } from '../../server/storage/unavailable.js';
import { startFlakyProxy } from '../helpers/flaky-proxy.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(() => cluster?.stop());

const dbName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

function updateOf(fn: (d: Y.Doc) => void): Uint8Array {
  const d = new Y.Doc();
  let u: Uint8Array | null = null;
  d.on('update', (x: Uint8Array) => (u = u ? Y.mergeUpdates([u, x]) : x));
  fn(d);
  return u!;
}

it('[SO2] nodes starting at once on an empty database: one migrates, every one starts, each migration is applied once', async () => {
  const url = await cluster.createDatabase('migrate');
  const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(url, silentLogger)));
  const rows = await cluster.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version', [], dbName(url));
  expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  // Every node works on the same tables.
  await stores[0].createAssembly({ id: 'a1', title: 'Hall', createdAt: 1 });
  expect(await stores[3].getAssembly('a1')).toMatchObject({ title: 'Hall' });
  for (const s of stores) await s.close();
});

it('[SO2] a later migration is applied on the next start, once; a database from a newer Plenary is refused in one line', async () => {
  const url = await cluster.createDatabase('migrate_more');
  await (await PostgresStore.open(url, silentLogger)).close();
  const db = new PgDb(url, silentLogger);
  const next = [...MIGRATIONS, { version: 999, name: 'a test column', sql: 'ALTER TABLE assemblies ADD COLUMN test_note TEXT' }];
  expect(await migrate(db, next)).toEqual([999]);
  expect(await migrate(db, next)).toEqual([]);
  await db.close();
  const refused = await PostgresStore.open(url, silentLogger).then(
    () => null,
    (err: unknown) => err,
  );
  expect(refused).toBeInstanceOf(StartupError);
  expect((refused as Error).message).toMatch(/newer Plenary \(schema version 999/);
  expect((refused as Error).message).not.toContain('\n');
});

it('[SO4] an update for a deleted assembly’s document is refused, and a compaction cannot bring one back', async () => {
  const store = await PostgresStore.open(await cluster.createDatabase('orphans'), silentLogger);
  await store.createAssembly({ id: 'a1', title: 'Hall', createdAt: 1 });
  const seq = await store.appendUpdates('a1/plenary', [updateOf((d) => d.getText('t').insert(0, 'secret'))]);
  await store.deleteAssembly('a1');
  // Another node still holding the document open saves into it, or compacts it.
  await expect(store.appendUpdates('a1/plenary', [updateOf((d) => d.getText('t').insert(0, 'late'))])).rejects.toThrow();
  expect(await store.compactDoc('a1/plenary', seq)).toEqual({ folded: 0, snapshotBytes: 0 });
  expect(await store.loadDoc('a1/plenary')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
  await store.close();
});

it('[SO5] a lower sequence that commits after a compaction stays in the log and is folded by the next one', async () => {
  const url = await cluster.createDatabase('late_seq');
  const store = await PostgresStore.open(url, silentLogger);
  await store.createAssembly({ id: 'a1', title: 'Hall', createdAt: 1 });
  const name = 'a1/notes/i1';
  // Another node's append: its sequence is drawn now, its commit comes later.
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  await other.query('BEGIN');
  const late = updateOf((d) => d.getMap('m').set('late', 'kept'));
  const { rows } = await other.query<{ seq: string }>('INSERT INTO doc_updates (doc, data) VALUES ($1, $2) RETURNING seq', [name, Buffer.from(late)]);
  const high = await store.appendUpdates(name, [updateOf((d) => d.getText('t').insert(0, 'mine'))]);
  expect(Number(rows[0].seq)).toBeLessThan(high);
  expect(await store.compactDoc(name, high)).toMatchObject({ folded: 1 });
  await other.query('COMMIT');
  await other.end();

  const afterCommit = await store.loadDoc(name);
  expect(afterCommit.updates).toHaveLength(1);
  expect(await store.compactDoc(name, afterCommit.lastSeq)).toMatchObject({ folded: 1 });
  const stored = await store.loadDoc(name);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, stored.snapshot!);
  expect(stored.updates).toEqual([]);
  expect(copy.getText('t').toString()).toBe('mine');
  expect(copy.getMap('m').get('late')).toBe('kept');
  await store.close();
});

it('[SO7] a database out of reach at start is one line saying what to check, without the password', async () => {
  const server = (await import('node:net')).createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const err = await PostgresStore.open(`postgres://plenary:hunter2-secret@127.0.0.1:${port}/plenary`, silentLogger).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StartupError);
  const message = (err as Error).message;
  expect(message).toMatch(/^Plenary cannot start: the database at 127\.0\.0\.1:\d+\/plenary cannot be used \(.*\)\. Check DATABASE_URL/);
  expect(message).not.toContain('hunter2');
  expect(message).not.toContain('\n');
  // A database that does not exist is named the same way.
  const missing = await PostgresStore.open(`postgres://postgres@127.0.0.1:${cluster.port}/no_such_db`, silentLogger).then(
    () => null,
    (e: unknown) => e,
  );
  expect((missing as Error).message).toMatch(/^Plenary cannot start: the database at 127\.0\.0\.1:\d+\/no_such_db cannot be used/);
});

it('[SO8] a database lost while running: calls fail as unavailable (503, retry), and work again once it is back', async () => {
  const url = await cluster.createDatabase('lost');
  await (await PostgresStore.open(url, silentLogger)).close();
  const proxy = await startFlakyProxy(`http://127.0.0.1:${cluster.port}`);
  const store = await PostgresStore.open(`postgres://postgres@${new URL(proxy.url).host}/${dbName(url)}`, silentLogger, {
    connectionTimeoutMs: 500,
    queryTimeoutMs: 1_000,
  });
  await store.createAssembly({ id: 'a1', title: 'Hall', createdAt: 1 });
  for (const mode of ['reset', 'stall'] as const) {
    proxy.setMode(mode);
    const failed = await store.appendUpdates('a1/plenary', [updateOf((d) => d.getText('t').insert(0, mode))]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStorageUnavailable(failed)).toBe(true);
    expect(isStorageUnavailable(await store.getAssembly('a1').catch((e: unknown) => e))).toBe(true);
    proxy.setMode('pass');
    expect(await store.getAssembly('a1')).toMatchObject({ title: 'Hall' });
  }
  await store.close();
  await proxy.close();
}, 20_000);

it('[SO12] deleting an assembly leaves no row of it, then VACUUM leaves no dead tuple in the tables it touched', async () => {
  const url = await cluster.createDatabase('vacuum');
  const db = dbName(url);
  const store = await PostgresStore.open(url, silentLogger);
  await cluster.query('CREATE EXTENSION IF NOT EXISTS pgstattuple', [], db);
  for (const id of ['keep', 'gone']) {
    await store.createAssembly({ id, title: id, createdAt: 1 });
    for (let i = 0; i < 20; i++) await store.appendUpdates(`${id}/plenary`, [updateOf((d) => d.getText('t').insert(0, `${id} ${i}`))]);
    await store.compactDoc(`${id}/plenary`, 10 ** 9);
    await store.appendUpdates(`${id}/notes/i1`, [updateOf((d) => d.getText('t').insert(0, 'notes'))]);
    await store.createLink({
      id: `${id}-link`,
      assemblyId: id,
      role: 'attendee',
      scope: null,
      label: null,
      tokenHash: Buffer.from(id.padEnd(32, '.')),
      createdAt: 1,
      revokedAt: null,
      sealedToken: new Uint8Array([1]),
      canVote: true,
    });
    await store.addJoinCode(`${id}-link`, Buffer.from(`${id}-code`.padEnd(32, '.')), new Uint8Array([2]));
    await store.issueRights(id, [{ id: `${id}-r1`, codeHash: Buffer.from(`${id}-right`.padEnd(32, '.')), sealedCode: null }], 1);
    await store.publishMinutes(id, '# Minutes', 1);
    await store.saveMinutesTranslation(id, 1, 'es', '# Actas', 0, 1);
    await store.saveMinutesDraft(id, '# Draft', 0, 1);
    await store.openBallot(id, 'p1');
  }
  await store.deleteAssembly('gone');
  await store.vacuumed();
  const tables = [
    'assemblies',
    'links',
    'join_codes',
    'doc_updates',
    'doc_snapshots',
    'minutes',
    'minutes_drafts',
    'minutes_translations',
    'voting_rights',
    'votes',
  ];
  for (const table of tables) {
    const column = table === 'assemblies' ? 'id' : table === 'join_codes' ? '(SELECT assembly_id FROM links l WHERE l.id = link_id)' : 'assembly_id';
    const left = await cluster.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = 'gone'`, [], db);
    expect([table, Number(left[0].n)]).toEqual([table, 0]);
    const kept = await cluster.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`, [], db);
    expect([table, Number(kept[0].n) > 0]).toEqual([table, true]);
    const [stat] = await cluster.query<{ dead_tuple_count: string }>('SELECT dead_tuple_count FROM pgstattuple($1)', [table], db);
    expect([table, Number(stat.dead_tuple_count)]).toEqual([table, 0]);
  }
  await store.close();
});

it('[SO4] [SO5] deletions racing compactions and translation saves of the same assembly finish without a deadlock and leave nothing', async () => {
  const store = await PostgresStore.open(await cluster.createDatabase('delete_compact'), silentLogger);
  for (let round = 0; round < 10; round++) {
    const id = `a${round}`;
    await store.createAssembly({ id, title: id, createdAt: 1 });
    let last = 0;
    for (let i = 0; i < 30; i++) last = await store.appendUpdates(`${id}/plenary`, [updateOf((d) => d.getText('t').insert(0, `${i}`))]);
    await store.publishMinutes(id, '# Minutes', 1);
    const started = Date.now();
    await Promise.all([
      store.compactDoc(`${id}/plenary`, last),
      store.saveMinutesTranslation(id, 1, 'es', '# Actas', 0, 2),
      store.deleteAssembly(id),
      store.compactDoc(`${id}/plenary`, last),
    ]);
    // Postgres breaks a deadlock after deadlock_timeout (1 s): taking locks in one order means none.
    expect(Date.now() - started).toBeLessThan(900);
    expect(await store.loadDoc(`${id}/plenary`)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
  }
  await store.close();
});
