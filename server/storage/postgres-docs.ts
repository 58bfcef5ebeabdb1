/**
 * Documents in Postgres: the update log and its snapshot (ADR 027). Several nodes append to one
 * document's log at once, and BIGSERIAL values become visible out of order (a lower sequence can
 * commit after a higher one), so compaction never trusts a node's copy of the document: it folds
 * exactly the rows it reads and deletes exactly those ([SO5]).
 */
import { foldUpdates } from './fold.js';
import { bytes, type PgDb, view } from './postgres-db.js';
import type { Compaction, StoredDoc } from './store.js';

/** Advisory lock class for compactions (two-key form: this class, the document's hash). */
const COMPACTION_LOCK = 0x706c6e;

export class PgDocs {
  constructor(private readonly db: PgDb) {}

  async appendUpdates(doc: string, updates: Uint8Array[]): Promise<number> {
    if (updates.length === 0) return 0;
    // One statement, so one transaction: the whole batch or none of it.
    const { rows } = await this.db.query<{ seq: number }>(
      `INSERT INTO doc_updates (doc, data)
       SELECT $1, u.data FROM unnest($2::bytea[]) WITH ORDINALITY AS u(data, n) ORDER BY u.n
       RETURNING seq`,
      [doc, updates.map(bytes)],
    );
    return Math.max(...rows.map((r) => r.seq));
  }

  async loadDoc(doc: string): Promise<StoredDoc> {
    // One snapshot of the database for both reads: a compaction committing between them would
    // otherwise show the old snapshot without the rows it folded.
    return this.db.tx(async (c) => {
      const snap = (await c.query<{ data: Buffer; upto_seq: number }>('SELECT data, upto_seq FROM doc_snapshots WHERE doc = $1', [doc])).rows[0];
      const rows = (await c.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc = $1 ORDER BY seq', [doc])).rows;
      const lastSeq = Math.max(snap?.upto_seq ?? 0, rows.length > 0 ? rows[rows.length - 1].seq : 0);
      return { snapshot: snap ? view(snap.data) : null, updates: rows.map((r) => view(r.data)), lastSeq };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async compactDoc(doc: string, uptoSeq: number): Promise<Compaction> {
    return this.db.tx(async (c) => {
      // Two compactions of one document (two nodes) take turns: the second reads the first's snapshot.
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [COMPACTION_LOCK, doc]);
      // The assembly's row before the document's rows, in the order deleteAssembly takes them: a
      // delete and a compaction queue behind each other instead of deadlocking. Deleted: nothing to do.
      const assembly = await c.query("SELECT 1 FROM assemblies WHERE id = split_part($1, '/', 1) FOR KEY SHARE", [doc]);
      if (!assembly.rowCount) return { folded: 0, snapshotBytes: 0 };
      const snap = (await c.query<{ data: Buffer; upto_seq: number }>('SELECT data, upto_seq FROM doc_snapshots WHERE doc = $1 FOR UPDATE', [doc])).rows[0];
      const rows = (
        await c.query<{ seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc = $1 AND seq <= $2 ORDER BY seq FOR UPDATE', [doc, uptoSeq])
      ).rows;
      if (rows.length === 0) return { folded: 0, snapshotBytes: snap?.data.length ?? 0 };
      const state = foldUpdates([...(snap ? [view(snap.data)] : []), ...rows.map((r) => view(r.data))]);
      const upto = Math.max(snap?.upto_seq ?? 0, rows[rows.length - 1].seq);
      // The foreign key refuses this if the assembly was deleted meanwhile: nothing comes back.
      await c.query(
        `INSERT INTO doc_snapshots (doc, data, upto_seq) VALUES ($1, $2, $3)
         ON CONFLICT (doc) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq`,
        [doc, bytes(state), upto],
      );
      await c.query('DELETE FROM doc_updates WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
      return { folded: rows.length, snapshotBytes: state.length };
    });
  }
}
