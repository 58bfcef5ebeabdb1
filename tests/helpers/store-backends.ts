/**
 * The Store backends the contract suite runs against: SQLite (a file, and in memory) and a real
 * PostgreSQL (a throwaway cluster per test file, a fresh database per test). Use with
 * `describe.each(storeBackends())` and call `setup`/`teardown` in beforeAll/afterAll.
 */
import path from 'node:path';
import { silentLogger } from '../../server/logger.js';
import { PostgresStore } from '../../server/storage/postgres-store.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import type { Store } from '../../server/storage/store.js';
import { startPostgres, type PgCluster } from './postgres.js';
import { tempDataDir } from './server.js';

export interface Opened {
  store: Store;
  /** Another handle on the same data, as a second Plenary node would have (the same store where there is no second). */
  sibling(): Promise<Store>;
}

export interface StoreBackend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  open(): Promise<Opened>;
}

function sqliteFile(): StoreBackend {
  const siblings: SqliteStore[] = [];
  return {
    name: 'sqlite (file)',
    setup: async () => {},
    teardown: async () => {
      for (const s of siblings.splice(0)) await s.close();
    },
    async open() {
      const file = path.join(tempDataDir('plenary-store-'), 'plenary.sqlite');
      const store = new SqliteStore(file);
      return {
        store,
        sibling: async () => {
          const other = new SqliteStore(file);
          siblings.push(other);
          return other;
        },
      };
    },
  };
}

function sqliteMemory(): StoreBackend {
  return {
    name: 'sqlite (memory)',
    setup: async () => {},
    teardown: async () => {},
    async open() {
      const store = new SqliteStore(':memory:');
      return { store, sibling: async () => store };
    },
  };
}

/** A Postgres backend; `cluster()` gives tests the running cluster (to query tables directly). */
export function postgresBackend(): StoreBackend & { cluster(): PgCluster; lastUrl(): string } {
  let cluster: PgCluster | null = null;
  let url = '';
  const opened: PostgresStore[] = [];
  return {
    name: 'postgres',
    async setup() {
      cluster = await startPostgres();
    },
    async teardown() {
      for (const s of opened.splice(0)) await s.close();
      await cluster?.stop();
    },
    async open() {
      if (!cluster) throw new Error('postgresBackend: setup() did not run (call it in beforeAll)');
      if (!url) {
        url = await cluster.createDatabase('contract');
      } else {
        // A fresh database per test file (CREATE DATABASE takes ~0.4 s); each test starts from empty tables.
        for (const s of opened.splice(0)) await s.close();
        const db = url.slice(url.lastIndexOf('/') + 1);
        const tables = await cluster.query<{ t: string }>(
          "SELECT string_agg(quote_ident(tablename), ', ') AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
          [],
          db,
        );
        if (tables[0]?.t) await cluster.query(`TRUNCATE ${tables[0].t} RESTART IDENTITY CASCADE`, [], db);
      }
      const store = await PostgresStore.open(url, silentLogger);
      opened.push(store);
      const dbUrl = url;
      return {
        store,
        async sibling() {
          const other = await PostgresStore.open(dbUrl, silentLogger);
          opened.push(other);
          return other;
        },
      };
    },
    cluster() {
      if (!cluster) throw new Error('postgresBackend: setup() did not run');
      return cluster;
    },
    lastUrl: () => url,
  };
}

export function storeBackends(): StoreBackend[] {
  return [sqliteFile(), sqliteMemory(), postgresBackend()];
}
