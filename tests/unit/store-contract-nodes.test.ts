/**
 * The store contract with two nodes on one database ([SO3], [SO5]): every rule a check-then-write
 * keeps holds when two processes make the calls at the same moment. On Postgres the second node is
 * a second store with its own pool; on a SQLite file a second connection; in memory the same store.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LinkRecord, Store } from '../../server/storage/store.js';
import { storeBackends, type Opened } from '../helpers/store-backends.js';

const link = (over: Partial<LinkRecord> = {}): LinkRecord => ({
  id: 'link1',
  assemblyId: 'asm1',
  role: 'attendee',
  scope: null,
  label: null,
  tokenHash: new Uint8Array(32).fill(1),
  createdAt: 1,
  revokedAt: null,
  sealedToken: null,
  canVote: true,
  ...over,
});

function update(fn: (doc: Y.Doc) => void, doc = new Y.Doc()): Uint8Array {
  let captured: Uint8Array | null = null;
  doc.once('update', (u: Uint8Array) => (captured = u));
  fn(doc);
  return captured!;
}

const right = (id: string, byte: number) => ({ id, codeHash: new Uint8Array(32).fill(byte), sealedCode: new Uint8Array([byte]) });

describe.each(storeBackends())('Store contract, two nodes: $name', (backend) => {
  let store: Store;
  let opened: Opened;
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    opened = await backend.open();
    store = opened.store;
    await store.createAssembly({ id: 'asm1', title: 'Hall', createdAt: 1 });
  });
  afterEach(() => store.close());

  // Two nodes on one database: every rule above holds when the calls come from two processes at once ([SO3]).
  describe('[SO3] concurrent calls from two nodes', () => {
    const code = (n: number) => new Uint8Array(32).fill(n);
    /** Alternates calls between this node's store and a second node's. */
    const nodes = async () => [store, await opened.sibling()];

    it('[SO3] of 20 concurrent redemptions of one code on two nodes, exactly one is redeemed', async () => {
      const [a, b] = await nodes();
      await a.issueRights('asm1', [right('r1', 1)], 5);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).redeemRight('asm1', code(1), `holder-${i}`)));
      expect(results.filter((r) => r === 'redeemed')).toHaveLength(1);
      expect(results.filter((r) => r === 'taken')).toHaveLength(19);
      expect(await a.countRights('asm1')).toEqual({ issued: 1, redeemed: 1, revoked: 0 });
    });

    it('[SO3] one phone redeeming two codes at once on two nodes holds one right', async () => {
      const [a, b] = await nodes();
      await a.issueRights('asm1', [right('r1', 1), right('r2', 2)], 5);
      const results = await Promise.all([a.redeemRight('asm1', code(1), 'phone'), b.redeemRight('asm1', code(2), 'phone')]);
      expect(results.sort()).toEqual(['holds-another', 'redeemed']);
      expect((await a.countRights('asm1')).redeemed).toBe(1);
    });

    it('[SO3] ballots racing the close: none is kept after the vote closed, and never more than the rights', async () => {
      const [a, b] = await nodes();
      const holders = Array.from({ length: 12 }, (_, i) => `h${i}`);
      await a.issueRights(
        'asm1',
        holders.map((_, i) => right(`r${i}`, 10 + i)),
        5,
      );
      for (const [i, h] of holders.entries()) expect(await a.redeemRight('asm1', code(10 + i), h)).toBe('redeemed');
      for (let round = 0; round < 4; round++) {
        const proposal = `p${round}`;
        await a.openBallot('asm1', proposal);
        // Every phone votes twice, on both nodes, while the vote is closed half-way through.
        const casts = holders.flatMap((h, i) => [(i % 2 ? a : b).castBallot('asm1', proposal, h), (i % 2 ? b : a).castBallot('asm1', proposal, h)]);
        const close = new Promise<boolean>((resolve) => setImmediate(() => resolve(b.closeBallot('asm1', proposal, { for: 0, against: 0, abstain: 0 }))));
        const [results, closed] = await Promise.all([Promise.all(casts), close]);
        expect(closed).toBe(true);
        expect(results.filter((r) => r === 'counted').length).toBeLessThanOrEqual(holders.length);
        expect(results.every((r) => r === 'counted' || r === 'already' || r === 'closed')).toBe(true);
        // A ballot that slipped in after the close would be a row the close never forgot.
        for (const h of holders) expect(await a.hasVoted('asm1', proposal, h)).toBe(false);
        expect(await a.castBallot('asm1', proposal, holders[0])).toBe('closed');
        expect((await a.ballotState('asm1', proposal))?.state).toBe('closed');
      }
    });

    it('[SO3] versions, rights and draft revisions published at once on two nodes never collide', async () => {
      const [a, b] = await nodes();
      const versions = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).publishMinutes('asm1', `# ${i}`, i)));
      expect([...versions].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const issued = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).issueRights('asm1', [right(`q${i}`, 40 + i)], i)));
      expect(issued.map((r) => r[0].number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
      // The very first draft, saved by two facilitators at once: one wins, the other is refused (not an error).
      await a.createAssembly({ id: 'asm3', title: 'Fresh', createdAt: 1 });
      const saves = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).saveMinutesDraft('asm3', `# ${i}`, 0, i)));
      expect(saves.filter((r) => r.ok)).toHaveLength(1);
      const published = await Promise.all([a.publishMinutesDraft('asm3', '# A', 1, 1), b.publishMinutesDraft('asm3', '# B', 1, 2)]);
      expect(published.filter((r) => r.ok)).toEqual([{ ok: true, version: 1 }]);
      const translated = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).saveMinutesTranslation('asm3', 1, 'es', `# ${i}`, 0, i)));
      expect(translated.filter((r) => r.ok)).toHaveLength(1);
    });

    it('[SO3] a join code is added once, and a link revoked at the same time keeps no code', async () => {
      const [a, b] = await nodes();
      await a.createLink(link({ sealedToken: new Uint8Array([9]) }));
      await a.createLink(link({ id: 'link2', tokenHash: code(2), sealedToken: new Uint8Array([8]) }));
      const same = await Promise.all([a.addJoinCode('link1', code(7), new Uint8Array([1])), b.addJoinCode('link2', code(7), new Uint8Array([2]))]);
      expect(same.sort()).toEqual(['added', 'code-taken']);
      for (let i = 0; i < 5; i++) {
        const id = `race${i}`;
        await a.createLink(link({ id, tokenHash: code(100 + i), sealedToken: new Uint8Array([i]) }));
        await Promise.all([a.addJoinCode(id, code(120 + i), new Uint8Array([i])), b.revokeLink(id, 50)]);
        expect(await a.getJoinCode(id)).toBeNull();
        expect(await a.findLinkIdByJoinCode(code(120 + i))).toBeNull();
      }
    });

    it('[SO5] compaction folds what the store holds: an update another node stored, which this node never saw, survives', async () => {
      const [a, b] = await nodes();
      const name = 'asm1/notes/i1';
      const mine = new Y.Doc();
      const theirs = new Y.Doc();
      const seq1 = await a.appendUpdates(name, [update((d) => d.getText('t').insert(0, 'mine '), mine)]);
      // The other node's edit is stored between two of ours; our copy of the document never hears of it.
      await b.appendUpdates(name, [update((d) => d.getMap('m').set('theirs', 'kept'), theirs)]);
      const seq3 = await a.appendUpdates(name, [update((d) => d.getText('t').insert(5, 'again'), mine)]);
      expect(seq3).toBeGreaterThan(seq1);
      expect(await a.compactDoc(name, seq3)).toMatchObject({ folded: 3 });
      const loaded = await b.loadDoc(name);
      const copy = new Y.Doc();
      for (const part of [loaded.snapshot, ...loaded.updates]) if (part) Y.applyUpdate(copy, part);
      expect(copy.getText('t').toString()).toBe('mine again');
      expect(copy.getMap('m').get('theirs')).toBe('kept');
    });

    it('[SO5] two nodes compacting one document while both append lose nothing', async () => {
      const [a, b] = await nodes();
      const name = 'asm1/plenary';
      const writes: Promise<number>[] = [];
      const compactions: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        const node = i % 2 ? a : b;
        writes.push(node.appendUpdates(name, [update((d) => d.getArray('a').push([i]))]));
        if (i % 8 === 7)
          compactions.push(Promise.all(writes).then((seqs) => Promise.all([a.compactDoc(name, Math.max(...seqs)), b.compactDoc(name, Math.max(...seqs))])));
      }
      await Promise.all([...writes, ...compactions]);
      await a.compactDoc(name, Number.MAX_SAFE_INTEGER);
      const loaded = await a.loadDoc(name);
      const copy = new Y.Doc();
      for (const part of [loaded.snapshot, ...loaded.updates]) if (part) Y.applyUpdate(copy, part);
      expect((copy.getArray('a').toJSON() as number[]).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(loaded.updates).toEqual([]);
    });
  });
});
