/**
 * A data folder from before voting rights (ADR 014): its ballot tables held voter key → tally
 * rows. Opening it keeps closed votes' totals, voids open ones and leaves no old row behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { SqliteStore } from '../../server/storage/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

it('[V6] migrating an old data folder keeps closed totals, drops voter keys and open tallies, and leaves none in the files', async () => {
  const file = path.join(tempDataDir('plenary-migrate-'), 'plenary.sqlite');
  const old = new Database(file);
  old.pragma('journal_mode = WAL');
  old.exec(`
    CREATE TABLE assemblies (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE ballots (assembly_id TEXT NOT NULL, proposal_id TEXT NOT NULL, voter TEXT NOT NULL, PRIMARY KEY (assembly_id, proposal_id, voter)) WITHOUT ROWID;
    CREATE TABLE closed_votes (assembly_id TEXT NOT NULL, proposal_id TEXT NOT NULL, PRIMARY KEY (assembly_id, proposal_id)) WITHOUT ROWID;
    CREATE TABLE tallies (assembly_id TEXT NOT NULL, proposal_id TEXT NOT NULL, choice TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (assembly_id, proposal_id, choice)) WITHOUT ROWID;
    INSERT INTO assemblies VALUES ('asm1', 'Hall', 1);
    INSERT INTO ballots VALUES ('asm1', 'closedP', 'VoterKeyClosed-111'), ('asm1', 'openP', 'VoterKeyOpen-2222');
    INSERT INTO closed_votes VALUES ('asm1', 'closedP');
    INSERT INTO tallies VALUES ('asm1', 'closedP', 'for', 3), ('asm1', 'closedP', 'abstain', 1), ('asm1', 'openP', 'against', 1);
  `);
  old.close();

  const store = new SqliteStore(file);
  expect(await store.ballotState('asm1', 'closedP')).toEqual({ state: 'closed', tally: { for: 3, against: 0, abstain: 1 } });
  expect(await store.ballotState('asm1', 'openP')).toBeNull();
  await store.close();
  const bytes = Buffer.concat(fs.readdirSync(path.dirname(file)).map((f) => fs.readFileSync(path.join(path.dirname(file), f))));
  for (const key of ['VoterKeyClosed-111', 'VoterKeyOpen-2222']) expect(bytes.includes(Buffer.from(key)), key).toBe(false);
});

it('[L60] a data folder from before translations gets their table: its published minutes can be translated', async () => {
  const file = path.join(tempDataDir('plenary-migrate-'), 'plenary.sqlite');
  const old = new Database(file);
  old.exec(`
    CREATE TABLE assemblies (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE minutes (assembly_id TEXT NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE, version INTEGER NOT NULL,
      markdown TEXT NOT NULL, published_at INTEGER NOT NULL, PRIMARY KEY (assembly_id, version));
    INSERT INTO assemblies VALUES ('asm1', 'Hall', 1);
    INSERT INTO minutes VALUES ('asm1', 1, '# Old minutes', 5);
  `);
  old.close();
  const store = new SqliteStore(file);
  expect(await store.saveMinutesTranslation('asm1', 1, 'es', '# Actas antiguas', 0, 10)).toMatchObject({ ok: true, translation: { revision: 1 } });
  await store.close();
  const again = new SqliteStore(file);
  expect((await again.getMinutesTranslation('asm1', 1, 'es')).markdown).toBe('# Actas antiguas');
  await again.close();
});
