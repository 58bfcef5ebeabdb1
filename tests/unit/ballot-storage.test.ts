/**
 * Only the tally is kept ([V4], [V6]), read where it would leak: the SQLite file itself, and every
 * table of a real PostgreSQL ([SO1]). The
 * services that know each ballot's choice (server/http/voting.ts) run on a real store; after
 * ballots are cast, and again after the vote closes, every table is read on a connection of its
 * own, every column of every row, and nothing may pair a right, a holder or a ballot with a choice.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AccessService } from '../../server/access/access-service.js';
import { createServices } from '../../server/http/services.js';
import { silentLogger } from '../../server/logger.js';
import { PostgresStore } from '../../server/storage/postgres-store.js';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import type { Store } from '../../server/storage/store.js';
import { Rooms } from '../../server/sync/rooms.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import type { RequestSession } from '../../app/services.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { tempDataDir } from '../helpers/server.js';

const CHOICES = ['for', 'against', 'abstain'];
/** Tables that hold Yjs documents: their bytes are the room's documents, read in [V6]'s integration test. */
const DOCUMENT_TABLES = new Set(['doc_updates', 'doc_snapshots']);

type Row = Record<string, unknown>;

/** Every table of the database file, every column, every row. */
function everythingIn(file: string): Map<string, Row[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    return new Map(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all() as Row[]]));
  } finally {
    db.close();
  }
}

/** Every table of a Postgres database (but the migrations' own), every column, every row. */
async function everythingInPostgres(cluster: PgCluster, database: string): Promise<Map<string, Row[]>> {
  const tables = await cluster.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
    [],
    database,
  );
  const all = new Map<string, Row[]>();
  for (const { tablename } of tables) all.set(tablename, await cluster.query(`SELECT * FROM "${tablename}"`, [], database));
  return all;
}

/** Cells outside the document tables that spell a choice, as text or as bytes. */
function choicesIn(tables: Map<string, Row[]>): string[] {
  const found: string[] = [];
  for (const [table, rows] of tables) {
    if (DOCUMENT_TABLES.has(table)) continue;
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
        if (CHOICES.some((c) => new RegExp(`\\b${c}\\b`, 'i').test(text))) found.push(`${table}.${column} = ${text}`);
      }
    }
  }
  return found;
}

const columnsOf = (rows: Row[]) => [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();

interface Backend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh store, and a reader of every row of every table it keeps. */
  open(): Promise<{ store: Store; everything: () => Promise<Map<string, Row[]>> }>;
}

const sqlite: Backend = {
  name: 'sqlite',
  setup: async () => {},
  teardown: async () => {},
  async open() {
    const file = path.join(tempDataDir('plenary-ballots-unit-'), 'plenary.sqlite');
    return { store: new SqliteStore(file), everything: async () => everythingIn(file) };
  },
};

let cluster: PgCluster | null = null;
const postgres: Backend = {
  name: 'postgres',
  setup: async () => {
    cluster = await startPostgres();
  },
  teardown: async () => {
    await cluster?.stop();
  },
  async open() {
    const url = await cluster!.createDatabase('ballots');
    const store = await PostgresStore.open(url, silentLogger);
    return { store, everything: () => everythingInPostgres(cluster!, url.slice(url.lastIndexOf('/') + 1)) };
  },
};

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

describe.each([sqlite, postgres])('$name', (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());

  it('[V4][V6] only the tally is kept: no row of the database pairs a right or a ballot with a choice, open or closed', async () => {
    const { store, everything } = await backend.open();
    stores.push(store);
    const access = new AccessService(store, 'unit-secret-that-is-long-enough-0123456789');
    const rooms = new Rooms(store, silentLogger, { unloadAfterMs: 10, compactAfter: 1000 });
    const services = createServices({ store, access, rooms });
    const { id, attendee } = await access.createAssembly('Secret hall');
    const plenary = `${id}/plenary`;
    const session = (n: number): RequestSession => ({
      assemblyId: id,
      role: 'attendee',
      scope: null,
      linkId: attendee.link.id,
      sessionId: `phone-${n}`,
      canVote: true,
    });
    const codes = await services.issueVotingRights(id, 4);
    for (const [n, { code }] of codes.slice(0, 3).entries()) await services.redeemVotingCode(id, session(n), code);
    const proposalId = await services.changeDoc(plenary, (doc) =>
      addProposal(doc, { itemId: addItem(doc, { title: 'Dues', kind: 'proposal', minutes: 10 }), text: 'Dues go up' }, Date.now()),
    );
    await services.openVote(id, proposalId);
    const ballots = ['against', 'for', 'against'] as const;
    for (const [n, choice] of ballots.entries()) await services.castVote(id, session(n), proposalId, choice);
    await rooms.closeAll(); // everything the services wrote is in the file

    // While the vote is open: which rights voted, and nothing else about the ballots.
    const open = await everything();
    expect(choicesIn(open)).toEqual([]);
    expect(open.get('votes')).toEqual([{ assembly_id: id, proposal_id: proposalId, state: 'open', n_for: null, n_against: null, n_abstain: null }]);
    const casts = open.get('votes_cast')!;
    expect(columnsOf(casts)).toEqual(['assembly_id', 'proposal_id', 'right_id']);
    expect(casts).toHaveLength(3);
    const rights = open.get('voting_rights')!;
    expect(columnsOf(rights)).toEqual(['assembly_id', 'code_hash', 'holder', 'id', 'issued_at', 'number', 'revoked_at', 'sealed_code']);
    expect(new Set(casts.map((c) => c.right_id))).toEqual(new Set(rights.filter((r) => r.holder !== null).map((r) => r.id)));
    // The stored document says how many voted, never how.
    const stored = await store.loadDoc(plenary);
    const doc = new Y.Doc();
    for (const part of [stored.snapshot, ...stored.updates]) if (part) Y.applyUpdate(doc, part);
    expect(getProposal(doc, proposalId)).toMatchObject({ counts: { for: 0, against: 0, abstain: 0 }, vote: { open: true, cast: 3 } });

    // Closed: the totals, and which rights voted is gone.
    await services.closeVote(id, proposalId);
    await rooms.closeAll();
    const closed = await everything();
    expect(choicesIn(closed)).toEqual([]);
    expect(closed.get('votes')).toEqual([{ assembly_id: id, proposal_id: proposalId, state: 'closed', n_for: 1, n_against: 2, n_abstain: 0 }]);
    expect(closed.get('votes_cast')).toEqual([]);
    // The roll is as it was before any ballot: a right per holder, no mark of having voted.
    expect(closed.get('voting_rights')).toEqual(rights);
  });
});
