import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LinkRecord, Store } from '../../server/storage/store.js';
import { storeBackends, type Opened } from '../helpers/store-backends.js';

/**
 * The contract every Store backend passes: SQLite (a file, in memory) and a real PostgreSQL
 * ([SO1]). Add a backend in tests/helpers/store-backends.ts.
 */
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

describe.each(storeBackends())('Store contract: $name', (backend) => {
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

  it('keeps assemblies', async () => {
    expect(await store.getAssembly('asm1')).toEqual({ id: 'asm1', title: 'Hall', createdAt: 1 });
    expect(await store.getAssembly('nope')).toBeNull();
    await expect(store.createAssembly({ id: 'asm1', title: 'again', createdAt: 2 })).rejects.toThrow();
  });

  it('finds links by token hash, lists them and revokes them', async () => {
    await store.createLink(link());
    await store.createLink(link({ id: 'link2', role: 'note-taker', scope: 'g2', tokenHash: new Uint8Array(32).fill(2), createdAt: 2 }));
    expect((await store.findLinkByTokenHash(new Uint8Array(32).fill(2)))?.scope).toBe('g2');
    await store.createLink(link({ id: 'link3', tokenHash: new Uint8Array(32).fill(4), sealedToken: new Uint8Array([1, 2, 3]), createdAt: 3 }));
    expect([...((await store.getLink('link3'))?.sealedToken ?? [])]).toEqual([1, 2, 3]);
    expect((await store.getLink('link1'))?.sealedToken).toBeNull();
    expect(await store.findLinkByTokenHash(new Uint8Array(32).fill(3))).toBeNull();
    expect((await store.listLinks('asm1')).map((l) => l.id)).toEqual(['link1', 'link2', 'link3']);
    expect(await store.revokeLink('link1', 99)).toBe(true);
    expect(await store.revokeLink('link1', 100)).toBe(true);
    expect((await store.getLink('link1'))?.revokedAt).toBe(99); // the first revocation stands
    expect(await store.revokeLink('ghost', 1)).toBe(false);
    await expect(store.createLink(link({ id: 'dup' }))).rejects.toThrow(); // token hashes are unique
  });

  it('appends updates in order and loads them back', async () => {
    const doc = new Y.Doc();
    const u1 = update((d) => d.getText('t').insert(0, 'hello'), doc);
    const u2 = update((d) => d.getText('t').insert(5, ' world'), doc);
    const seq1 = await store.appendUpdates('asm1/plenary', [u1]);
    const seq2 = await store.appendUpdates('asm1/plenary', [u2]);
    expect(seq2).toBeGreaterThan(seq1);
    const loaded = await store.loadDoc('asm1/plenary');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates.map((u) => [...u])).toEqual([[...u1], [...u2]]);
    expect(loaded.lastSeq).toBe(seq2);
    expect(await store.loadDoc('asm1/notes/x')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
  });

  it('compacts into a snapshot and keeps later updates', async () => {
    const doc = new Y.Doc();
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) seqs.push(await store.appendUpdates('asm1/plenary', [update((d) => d.getArray('a').push([i]), doc)]));
    expect(await store.compactDoc('asm1/plenary', seqs[2])).toMatchObject({ folded: 3 });
    const loaded = await store.loadDoc('asm1/plenary');
    expect(loaded.snapshot).not.toBeNull();
    expect(loaded.updates).toHaveLength(2);
    expect((await store.loadDoc('asm1/plenary')).updates.length).toBe(2);
    expect(loaded.lastSeq).toBe(seqs[4]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.mergeUpdates([loaded.snapshot!, ...loaded.updates]));
    expect(copy.getArray('a').toJSON()).toEqual([0, 1, 2, 3, 4]);
    expect(await store.compactDoc('asm1/plenary', seqs[4])).toMatchObject({ folded: 2 });
    expect((await store.loadDoc('asm1/plenary')).lastSeq).toBe(seqs[4]);
    expect(await store.compactDoc('asm1/plenary', seqs[4])).toMatchObject({ folded: 0 });
    const again = await store.loadDoc('asm1/plenary');
    const whole = new Y.Doc();
    Y.applyUpdate(whole, again.snapshot!);
    expect(again.updates).toEqual([]);
    expect(whole.getArray('a').toJSON()).toEqual([0, 1, 2, 3, 4]);
  });

  it('[SO27] never replaces a snapshot with an older one (two nodes compacting one document)', async () => {
    const doc = new Y.Doc();
    const seqs: number[] = [];
    for (let i = 0; i < 4; i++) seqs.push(await store.appendUpdates('asm1/plenary', [update((d) => d.getArray('a').push([i]), doc)]));
    // The newer compaction lands first; the older one, late, must not take its place.
    await store.compactDoc('asm1/plenary', seqs[3]);
    await store.compactDoc('asm1/plenary', seqs[1]);
    const loaded = await store.loadDoc('asm1/plenary');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.mergeUpdates([loaded.snapshot!, ...loaded.updates]));
    expect(copy.getArray('a').toJSON()).toEqual([0, 1, 2, 3]);
    expect(loaded.lastSeq).toBe(seqs[3]);
  });

  it('[SO34] answers a ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('deletes an assembly with its links and documents, and no other', async () => {
    await store.createAssembly({ id: 'asm_2', title: 'Other', createdAt: 1 });
    await store.createAssembly({ id: 'asm1x', title: 'Prefix', createdAt: 1 });
    await store.createLink(link());
    await store.createLink(link({ id: 'l2', assemblyId: 'asm_2', tokenHash: new Uint8Array(32).fill(9) }));
    const u = update((d) => d.getText('t').insert(0, 'x'));
    for (const d of ['asm1/plenary', 'asm1/notes/i1', 'asm1/breakout/g1', 'asm_2/plenary', 'asm1x/plenary']) await store.appendUpdates(d, [u]);
    await store.compactDoc('asm1/breakout/g1', Number.MAX_SAFE_INTEGER);
    await store.deleteAssembly('asm1');
    expect(await store.getAssembly('asm1')).toBeNull();
    expect(await store.getLink('link1')).toBeNull();
    for (const d of ['asm1/plenary', 'asm1/notes/i1', 'asm1/breakout/g1']) {
      expect(await store.loadDoc(d)).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    }
    expect((await store.loadDoc('asm_2/plenary')).updates).toHaveLength(1);
    expect((await store.loadDoc('asm1x/plenary')).updates).toHaveLength(1);
    expect(await store.getLink('l2')).not.toBeNull();
  });

  it('[V3] minutes are immutable versions: publishing again adds version 2, version 1 stays', async () => {
    expect(await store.getMinutes('asm1')).toBeNull();
    expect(await store.publishMinutes('asm1', '# First', 10)).toBe(1);
    expect(await store.publishMinutes('asm1', '# Second', 20)).toBe(2);
    expect(await store.getMinutes('asm1')).toEqual({ version: 2, markdown: '# Second', publishedAt: 20 });
    expect(await store.getMinutes('asm1', 1)).toEqual({ version: 1, markdown: '# First', publishedAt: 10 });
    expect(await store.listMinutes('asm1')).toEqual([
      { version: 1, publishedAt: 10 },
      { version: 2, publishedAt: 20 },
    ]);
  });

  const right = (id: string, byte: number) => ({ id, codeHash: new Uint8Array(32).fill(byte), sealedCode: new Uint8Array([byte]) });

  it('[V5] voting rights are numbered per assembly; the roll never says who holds one; a code binds to one holder, once', async () => {
    const issued = await store.issueRights('asm1', [right('r1', 1), right('r2', 2)], 5);
    expect(issued.map((r) => r.number)).toEqual([1, 2]);
    expect((await store.issueRights('asm1', [right('r3', 3)], 6))[0].number).toBe(3);
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(9), 'holder-a')).toBe('unknown');
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(1), 'holder-a')).toBe('redeemed');
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(1), 'holder-a')).toBe('yours');
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(1), 'holder-b')).toBe('taken');
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(2), 'holder-a')).toBe('holds-another');
    expect(await store.holdsRight('asm1', 'holder-a')).toBe(true);
    expect(await store.holdsRight('asm1', 'holder-b')).toBe(false);
    const roll = await store.listRights('asm1');
    expect(roll.map((r) => [r.number, r.redeemed, r.revokedAt])).toEqual([
      [1, true, null],
      [2, false, null],
      [3, false, null],
    ]);
    // Once handed over, the sealed copy is gone: the sheet can no longer print it.
    expect(roll[0].sealedCode).toBeNull();
    expect(roll[1].sealedCode).toEqual(new Uint8Array([2]));
    expect(Object.keys(roll[0])).not.toContain('holder');
    expect(await store.countRights('asm1')).toEqual({ issued: 3, redeemed: 1, revoked: 0 });
    // Revoked: the code opens nothing, and its holder holds nothing.
    expect(await store.revokeRight('asm1', 2, 7)).toBe(true);
    expect(await store.revokeRight('asm1', 2, 8)).toBe(false);
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(2), 'holder-b')).toBe('taken');
    expect(await store.revokeRight('asm1', 1, 9)).toBe(true);
    expect(await store.holdsRight('asm1', 'holder-a')).toBe(false);
    // A holder whose right was revoked may be handed another.
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(3), 'holder-a')).toBe('redeemed');
  });

  it('[V5] of many concurrent redemptions of one code, exactly one wins', async () => {
    await store.issueRights('asm1', [right('r1', 1)], 5);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.redeemRight('asm1', new Uint8Array(32).fill(1), `holder-${i}`)));
    expect(results.filter((r) => r === 'redeemed')).toHaveLength(1);
    expect(results.filter((r) => r === 'taken')).toHaveLength(49);
  });

  it('[V6] a ballot needs an open vote and a live right; one per right; never a choice; closing keeps only the totals', async () => {
    await store.issueRights('asm1', [right('r1', 1), right('r2', 2), right('r3', 3)], 5);
    await store.redeemRight('asm1', new Uint8Array(32).fill(1), 'a');
    await store.redeemRight('asm1', new Uint8Array(32).fill(2), 'b');
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('closed'); // not open yet
    expect(await store.openBallot('asm1', 'p1')).toBe('open');
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('counted');
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('already');
    expect(await store.castBallot('asm1', 'p1', 'nobody')).toBe('no-right');
    expect(await store.hasVoted('asm1', 'p1', 'a')).toBe(true);
    expect(await store.hasVoted('asm1', 'p1', 'b')).toBe(false);
    expect(await store.ballotState('asm1', 'p1')).toEqual({ state: 'open', tally: null });
    // A right revoked mid-vote casts nothing more.
    await store.revokeRight('asm1', 2, 6);
    expect(await store.castBallot('asm1', 'p1', 'b')).toBe('no-right');
    expect(await store.closeBallot('asm1', 'p1', { for: 1, against: 0, abstain: 0 })).toBe(true);
    expect(await store.closeBallot('asm1', 'p1', { for: 9, against: 9, abstain: 9 })).toBe(false);
    expect(await store.ballotState('asm1', 'p1')).toEqual({ state: 'closed', tally: { for: 1, against: 0, abstain: 0 } });
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('closed');
    expect(await store.openBallot('asm1', 'p1')).toBe('closed');
    await store.publishMinutes('asm1', '# Minutes', 1);
    await store.setDeleteAfterDays('asm1', 30);
    expect(await store.getDeleteAfterDays('asm1')).toBe(30);
    expect(await store.listDeleteAfter()).toEqual([{ id: 'asm1', days: 30 }]);
    await store.deleteAssembly('asm1');
    expect(await store.ballotState('asm1', 'p1')).toBeNull();
    expect(await store.listRights('asm1')).toEqual([]);
    expect(await store.getMinutes('asm1')).toBeNull();
    expect(await store.listDeleteAfter()).toEqual([]);
  });

  it('[V6] concurrent ballots never outnumber the rights issued', async () => {
    await store.issueRights('asm1', [right('r1', 1), right('r2', 2)], 5);
    // Two holders, and forty sessions trying the same two codes at once.
    const redeemed = await Promise.all(Array.from({ length: 40 }, (_, i) => store.redeemRight('asm1', new Uint8Array(32).fill(1 + (i % 2)), `h${i}`)));
    expect(redeemed.filter((r) => r === 'redeemed')).toHaveLength(2);
    await store.openBallot('asm1', 'p1');
    const cast = await Promise.all(Array.from({ length: 40 }, (_, i) => store.castBallot('asm1', 'p1', `h${i}`)));
    expect(cast.filter((r) => r === 'counted')).toHaveLength(2);
  });

  it('[V10] a phone that voted, had its code withdrawn and redeemed another votes no more in that vote; in the next vote it does', async () => {
    await store.issueRights('asm1', [right('r1', 1), right('r2', 2)], 5);
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(1), 'a')).toBe('redeemed');
    await store.openBallot('asm1', 'p1');
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('counted');
    // "I lost my code": the desk withdraws number 1 and hands the same person number 2.
    expect(await store.revokeRight('asm1', 1, 6)).toBe(true);
    expect(await store.redeemRight('asm1', new Uint8Array(32).fill(2), 'a')).toBe('redeemed');
    expect(await store.hasVoted('asm1', 'p1', 'a')).toBe(true);
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('already');
    // Concurrent tries from that phone change nothing either.
    expect(new Set(await Promise.all(Array.from({ length: 10 }, () => store.castBallot('asm1', 'p1', 'a'))))).toEqual(new Set(['already']));
    expect(await store.closeBallot('asm1', 'p1', { for: 1, against: 0, abstain: 0 })).toBe(true);
    // The new code is a right like any other from the next vote on.
    await store.openBallot('asm1', 'p2');
    expect(await store.hasVoted('asm1', 'p2', 'a')).toBe(false);
    expect(await store.castBallot('asm1', 'p2', 'a')).toBe('counted');
  });

  it('[V7] a vote open when the process stopped becomes void; opening it again starts from nobody having voted', async () => {
    await store.issueRights('asm1', [right('r1', 1)], 5);
    await store.redeemRight('asm1', new Uint8Array(32).fill(1), 'a');
    await store.openBallot('asm1', 'p1');
    await store.openBallot('asm1', 'p2');
    await store.castBallot('asm1', 'p1', 'a');
    await store.closeBallot('asm1', 'p2', { for: 0, against: 0, abstain: 0 });
    expect(await store.voidOpenBallots()).toEqual([{ assemblyId: 'asm1', proposalId: 'p1' }]);
    expect(await store.ballotState('asm1', 'p1')).toEqual({ state: 'void', tally: null });
    expect((await store.ballotState('asm1', 'p2'))!.state).toBe('closed');
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('closed');
    expect(await store.openBallot('asm1', 'p1')).toBe('open');
    expect(await store.hasVoted('asm1', 'p1', 'a')).toBe(false);
    expect(await store.castBallot('asm1', 'p1', 'a')).toBe('counted');
    await store.voidBallot('asm1', 'p1');
    expect((await store.ballotState('asm1', 'p1'))!.state).toBe('void');
  });

  it('[D2] keeps the minutes draft by revision; a save based on an old revision changes nothing and says what is stored', async () => {
    expect(await store.getMinutesDraft('asm1')).toEqual({ markdown: null, revision: 0, savedAt: null });
    expect(await store.saveMinutesDraft('asm1', '# One', 0, 10)).toEqual({ ok: true, draft: { markdown: '# One', revision: 1, savedAt: 10 } });
    expect(await store.getMinutesDraft('asm1')).toEqual({ markdown: '# One', revision: 1, savedAt: 10 });
    // A second facilitator who also started from nothing is refused, with the stored text.
    expect(await store.saveMinutesDraft('asm1', '# Other', 0, 11)).toEqual({ ok: false, current: { markdown: '# One', revision: 1, savedAt: 10 } });
    expect(await store.saveMinutesDraft('asm1', '# One, edited', 1, 12)).toMatchObject({ ok: true, draft: { revision: 2 } });
    expect(await store.saveMinutesDraft('asm1', '# Late', 1, 13)).toMatchObject({ ok: false, current: { markdown: '# One, edited', revision: 2 } });
    expect(await store.saveMinutesDraft('nope', '# x', 0, 14)).toMatchObject({ ok: false });
    expect((await store.getMinutesDraft('nope')).revision).toBe(0);
    // Concurrent saves from one revision: exactly one wins.
    const results = await Promise.all([3, 4, 5].map((n) => store.saveMinutesDraft('asm1', `# ${n}`, 2, n)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('[D3] publishing from the current revision adds a version and deletes the draft; from an old one it publishes nothing', async () => {
    await store.saveMinutesDraft('asm1', '# Draft', 0, 10);
    expect(await store.publishMinutesDraft('asm1', '# Draft', 0, 11)).toMatchObject({ ok: false, current: { markdown: '# Draft', revision: 1 } });
    expect(await store.listMinutes('asm1')).toEqual([]);
    expect(await store.publishMinutesDraft('asm1', '# Final', 1, 12)).toEqual({ ok: true, version: 1 });
    expect(await store.getMinutes('asm1')).toEqual({ version: 1, markdown: '# Final', publishedAt: 12 });
    expect(await store.getMinutesDraft('asm1')).toEqual({ markdown: null, revision: 2, savedAt: null });
    // A save from before the publish is refused: the draft it was based on is gone.
    expect(await store.saveMinutesDraft('asm1', '# Stale', 1, 13)).toMatchObject({ ok: false, current: { markdown: null, revision: 2 } });
    expect(await store.publishMinutesDraft('asm1', '# Second', 2, 14)).toEqual({ ok: true, version: 2 });
  });

  it('[D4] discarding from the current revision deletes the text and never reuses a revision; the draft goes with the assembly', async () => {
    await store.saveMinutesDraft('asm1', '# Draft', 0, 10);
    expect(await store.discardMinutesDraft('asm1', 0)).toMatchObject({ ok: false, current: { revision: 1 } });
    expect(await store.discardMinutesDraft('asm1', 1)).toEqual({ ok: true, draft: { markdown: null, revision: 2, savedAt: null } });
    expect(await store.getMinutesDraft('asm1')).toEqual({ markdown: null, revision: 2, savedAt: null });
    expect(await store.saveMinutesDraft('asm1', '# Again', 2, 11)).toMatchObject({ ok: true, draft: { revision: 3 } });
    await store.deleteAssembly('asm1');
    expect(await store.getMinutesDraft('asm1')).toEqual({ markdown: null, revision: 0, savedAt: null });
  });

  it('[L60] a translation belongs to one published version and language: kept by revision, a stale save changes nothing', async () => {
    const none = { version: 1, language: 'es', markdown: null, revision: 0, updatedAt: null };
    // No such version: nothing to translate, and nothing stored.
    expect(await store.saveMinutesTranslation('asm1', 1, 'es', '# Actas', 0, 10)).toEqual({ ok: false, current: null });
    expect(await store.getMinutesTranslation('asm1', 1, 'es')).toEqual(none);
    await store.publishMinutes('asm1', '# Minutes', 5);
    expect(await store.getMinutesTranslation('asm1', 1, 'es')).toEqual(none);
    expect(await store.listMinutesTranslations('asm1', 1)).toEqual([]);
    const first = { version: 1, language: 'es', markdown: '# Actas', revision: 1, updatedAt: 10 };
    expect(await store.saveMinutesTranslation('asm1', 1, 'es', '# Actas', 0, 10)).toEqual({ ok: true, translation: first });
    expect(await store.getMinutesTranslation('asm1', 1, 'es')).toEqual(first);
    // A second interpreter of the language who also started from nothing is refused, with the stored text.
    expect(await store.saveMinutesTranslation('asm1', 1, 'es', '# Otra', 0, 11)).toEqual({ ok: false, current: first });
    expect(await store.saveMinutesTranslation('asm1', 1, 'es', '# Actas, corregidas', 1, 12)).toMatchObject({ ok: true, translation: { revision: 2 } });
    // Languages are apart: Somali starts from nothing.
    expect(await store.saveMinutesTranslation('asm1', 1, 'so', '# Qoraalka', 0, 13)).toMatchObject({ ok: true, translation: { revision: 1 } });
    expect(await store.listMinutesTranslations('asm1', 1)).toEqual([
      { language: 'es', revision: 2, updatedAt: 12 },
      { language: 'so', revision: 1, updatedAt: 13 },
    ]);
    // Emptying a translation takes it off the list; its revision still counts on.
    expect(await store.saveMinutesTranslation('asm1', 1, 'so', null, 1, 14)).toEqual({
      ok: true,
      translation: { version: 1, language: 'so', markdown: null, revision: 2, updatedAt: null },
    });
    expect((await store.listMinutesTranslations('asm1', 1)).map((t) => t.language)).toEqual(['es']);
    expect(await store.saveMinutesTranslation('asm1', 1, 'so', '# Stale', 1, 15)).toMatchObject({ ok: false, current: { revision: 2, markdown: null } });
    // Concurrent saves from one revision: exactly one wins.
    const results = await Promise.all([3, 4, 5].map((n) => store.saveMinutesTranslation('asm1', 1, 'es', `# ${n}`, 2, n)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // Another assembly's version 1 is another version.
    expect(await store.saveMinutesTranslation('nope', 1, 'es', '# x', 0, 16)).toEqual({ ok: false, current: null });
  });

  it('[L61] a newer published version does not inherit a translation; translations go with the assembly', async () => {
    await store.createAssembly({ id: 'asm_2', title: 'Other', createdAt: 1 });
    await store.publishMinutes('asm1', '# One', 5);
    await store.publishMinutes('asm_2', '# Other one', 5);
    await store.saveMinutesTranslation('asm1', 1, 'es', '# Uno', 0, 10);
    await store.saveMinutesTranslation('asm_2', 1, 'es', '# Otro', 0, 10);
    await store.publishMinutes('asm1', '# Two', 20);
    expect(await store.listMinutesTranslations('asm1', 2)).toEqual([]);
    expect(await store.getMinutesTranslation('asm1', 2, 'es')).toMatchObject({ markdown: null, revision: 0 });
    expect((await store.getMinutesTranslation('asm1', 1, 'es')).markdown).toBe('# Uno');
    await store.deleteAssembly('asm1');
    expect(await store.getMinutesTranslation('asm1', 1, 'es')).toMatchObject({ markdown: null, revision: 0 });
    expect(await store.listMinutesTranslations('asm1', 1)).toEqual([]);
    // The other assembly's translation of its own version 1 stays.
    expect((await store.getMinutesTranslation('asm_2', 1, 'es')).markdown).toBe('# Otro');
  });

  it('[N23] a join code is unique among live codes, found by its hash, and dies with its link or its assembly', async () => {
    const hash = (n: number) => new Uint8Array(32).fill(n);
    await store.createLink(link({ sealedToken: new Uint8Array([9]) }));
    await store.createLink(link({ id: 'link2', tokenHash: hash(2), sealedToken: new Uint8Array([8]) }));
    expect(await store.getJoinCode('link1')).toBeNull();
    expect(await store.addJoinCode('link1', hash(7), new Uint8Array([1, 2]))).toBe('added');
    expect([...(await store.getJoinCode('link1'))!]).toEqual([1, 2]);
    expect(await store.findLinkIdByJoinCode(hash(7))).toBe('link1');
    expect(await store.findLinkIdByJoinCode(hash(6))).toBeNull();
    expect(await store.addJoinCode('link2', hash(7), new Uint8Array([3]))).toBe('code-taken');
    expect(await store.addJoinCode('link1', hash(5), new Uint8Array([3]))).toBe('link-has-code');
    expect(await store.addJoinCode('ghost', hash(4), new Uint8Array([3]))).toBe('no-link');
    expect(await store.addJoinCode('link2', hash(6), new Uint8Array([4]))).toBe('added');

    // Revoking kills the code, and a revoked link gets no new one; the code is free again.
    expect(await store.revokeLink('link1', 50)).toBe(true);
    expect(await store.findLinkIdByJoinCode(hash(7))).toBeNull();
    expect(await store.getJoinCode('link1')).toBeNull();
    expect(await store.addJoinCode('link1', hash(3), new Uint8Array([5]))).toBe('no-link');
    await store.createLink(link({ id: 'link3', tokenHash: hash(3), sealedToken: new Uint8Array([7]) }));
    expect(await store.addJoinCode('link3', hash(7), new Uint8Array([6]))).toBe('added');

    // Deleting the assembly deletes its codes.
    await store.deleteAssembly('asm1');
    expect(await store.findLinkIdByJoinCode(hash(6))).toBeNull();
    expect(await store.findLinkIdByJoinCode(hash(7))).toBeNull();
  });

  it('keeps whether an attendee link votes', async () => {
    await store.createLink(link({ canVote: false }));
    expect((await store.getLink('link1'))!.canVote).toBe(false);
  });
});
