/**
 * Who may set how a proposal carries, what it said before, and what the projector shows ([D12]),
 * over real sockets: stock y-websocket clients on each role's link send crafted changes; the
 * server refuses what the role may not write, and a facilitator's out-of-bounds values, and stores
 * and relays nothing of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientPool, closeCodeOf, eventually, rawSocket, type Client } from '../helpers/clients.js';
import { createAssembly, mintLink, startTestServer, type CreatedAssembly, type TestServer } from '../helpers/server.js';
import { CloseCode, encodeUpdate } from '../../server/sync/protocol.js';
import { parseDocName } from '../../server/sync/doc-name.js';
import { addItem } from '../../app/model/agenda.js';
import { goToItem } from '../../app/model/run.js';
import { addProposal, closeVote, getProposal, openVote, shownProposalId } from '../../app/model/proposals.js';
import { reviseText, setDecisionRule, showProposal } from '../../app/model/proposal-edits.js';

let server: TestServer;
let asm: CreatedAssembly;
let keeperToken: string;
let notesToken: string;
let itemId: string;
let proposalId: string;
let votedId: string;
const pool = clientPool();
const plenary = () => `${asm.id}/plenary`;

async function onServer(change: (doc: Y.Doc) => void) {
  const room = await server.rooms.acquire(parseDocName(plenary())!);
  try {
    room.doc.transact(() => change(room.doc), 'command');
    await room.flush();
  } finally {
    server.rooms.release(room);
  }
}

async function freshView(): Promise<Client> {
  const c = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
  await c.synced;
  return c;
}

/** A marker written by a facilitator after a forgery: once a fresh view has it, the forgery would have arrived too. */
async function settledView(marker: string): Promise<Y.Doc> {
  const f = await freshView();
  f.doc.getMap('run').set('announcement', marker);
  const later = await freshView();
  await eventually(() => expect(later.doc.getMap('run').get('announcement')).toBe(marker));
  return later.doc;
}

const proposalOf = (c: Client, id: string) => c.doc.getMap('proposals').get(id) as Y.Map<unknown>;

beforeAll(async () => {
  server = await startTestServer();
  asm = await createAssembly(server.url, 'Hall B');
  keeperToken = (await mintLink(server.url, asm, { role: 'stack-keeper' })).token;
  notesToken = (await mintLink(server.url, asm, { role: 'note-taker', scope: 'plenary' })).token;
  const f = await freshView();
  itemId = addItem(f.doc, { title: 'Proposals', kind: 'proposal', minutes: 30 });
  goToItem(f.doc, itemId, Date.now());
  proposalId = addProposal(f.doc, { itemId, text: 'Strike on May 1' }, Date.now());
  votedId = addProposal(f.doc, { itemId, text: 'A strike fund' }, Date.now());
  showProposal(f.doc, proposalId);
  await eventually(async () => expect(getProposal((await freshView()).doc, votedId)).not.toBeNull());
  await onServer((doc) => {
    openVote(doc, votedId);
    closeVote(doc, votedId, { for: 30, against: 5, abstain: 1 }, 40);
    showProposal(doc, proposalId);
  });
});

afterAll(async () => {
  pool.destroyAll();
  await server.close();
});

describe('[D12] only facilitators set thresholds, quorums, earlier texts and the projector’s choice', () => {
  const keeperWrites: [string, (c: Client) => void][] = [
    ['a threshold', (c) => proposalOf(c, proposalId).set('threshold', 'consensus-minus-n')],
    ['N blocks allowed', (c) => proposalOf(c, proposalId).set('blocksAllowed', 10)],
    ['a quorum', (c) => proposalOf(c, proposalId).set('quorum', 'present')],
    ['a head count', (c) => proposalOf(c, proposalId).set('present', 9)],
    ['the projector’s choice', (c) => c.doc.getMap('run').set('shownProposalId', votedId)],
    ['an earlier text', (c) => reviseText(c.doc, proposalId, 'Strike on May 2', { now: Date.now(), editor: 'keeper' })],
  ];
  for (const [what, write] of keeperWrites) {
    it(`[D12] a stack-keeper writing ${what} is cut off (4403); nothing of it is stored`, async () => {
      const keeper = pool.open(server.syncUrl, plenary(), keeperToken);
      await keeper.synced;
      write(keeper);
      expect((await keeper.closed).code).toBe(CloseCode.forbidden);
      const doc = await settledView(`after keeper ${what}`);
      const p = getProposal(doc, proposalId)!;
      expect(p.rule).toEqual({ threshold: 'simple', blocksAllowed: 0, quorum: 'none', quorumMin: 1, quorumPercent: 50 });
      expect(p.present).toBeNull();
      expect(p.revisions).toEqual([]);
      expect(p.text).toBe('Strike on May 1');
      expect(shownProposalId(doc)).toBe(proposalId);
    });
  }

  for (const [role, token] of [
    ['an attendee', () => asm.attendeeToken],
    ['a plenary note-taker', () => notesToken],
  ] as const) {
    it(`[D12] ${role}'s crafted threshold, choice and earlier text are dropped (read-only): nothing changes`, async () => {
      const reader = pool.open(server.syncUrl, plenary(), token());
      await reader.synced;
      reader.doc.transact(() => {
        proposalOf(reader, proposalId).set('threshold', 'two-thirds');
        reader.doc.getMap('run').set('shownProposalId', votedId);
      });
      reviseText(reader.doc, proposalId, 'Forged wording', { now: Date.now(), editor: 'x' });
      const doc = await settledView(`after ${role}`);
      const p = getProposal(doc, proposalId)!;
      expect(p.rule.threshold).toBe('simple');
      expect(p.text).toBe('Strike on May 1');
      expect(p.revisions).toEqual([]);
      expect(shownProposalId(doc)).toBe(proposalId);
    });
  }
});

describe('[D12] a facilitator’s values out of bounds are refused (4400) and leave nothing behind', () => {
  const bad: [string, (c: Client) => void][] = [
    ['N = 11 blocks allowed', (c) => proposalOf(c, proposalId).set('blocksAllowed', 11)],
    ['N = 2.5', (c) => proposalOf(c, proposalId).set('blocksAllowed', 2.5)],
    ['a quorum of 0%', (c) => proposalOf(c, proposalId).set('quorumPercent', 0)],
    ['a quorum of 101%', (c) => proposalOf(c, proposalId).set('quorumPercent', 101)],
    ['an unknown threshold', (c) => proposalOf(c, proposalId).set('threshold', 'three-quarters')],
    ['a head count of −1', (c) => proposalOf(c, proposalId).set('present', -1)],
    ['a projector choice that is not an id', (c) => c.doc.getMap('run').set('shownProposalId', '../x')],
    ['earlier texts that are not a map', (c) => proposalOf(c, proposalId).set('revisions', { a: { text: 'x', by: '', at: 1 } })],
    [
      'an earlier text of 2,001 characters',
      (c) => {
        const m = new Y.Map<unknown>();
        proposalOf(c, proposalId).set('revisions', m);
        m.set('r1', { text: 'x'.repeat(2001), by: '', at: 1 });
      },
    ],
    [
      'a history of 300 earlier texts (600 kB)',
      (c) => {
        const m = new Y.Map<unknown>();
        c.doc.transact(() => {
          proposalOf(c, proposalId).set('revisions', m);
          for (let i = 0; i < 300; i++) m.set(`r${i}`, { text: 'x'.repeat(2000), by: '', at: i });
        });
      },
    ],
  ];
  for (const [what, write] of bad) {
    it(`[D12] ${what}`, async () => {
      const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
      await f.synced;
      write(f);
      expect((await f.closed).code).toBe(CloseCode.badRequest);
      const doc = await settledView(`after ${what}`);
      const p = getProposal(doc, proposalId)!;
      expect(p.rule).toEqual({ threshold: 'simple', blocksAllowed: 0, quorum: 'none', quorumMin: 1, quorumPercent: 50 });
      expect(p.present).toBeNull();
      expect(p.revisions).toEqual([]);
      expect(shownProposalId(doc)).toBe(proposalId);
    });
  }

  it('[D12] a 10 MB history is refused by the frame limits, and nothing is stored', async () => {
    const f = await freshView();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(f.doc));
    const sv = Y.encodeStateVector(copy);
    const m = new Y.Map<unknown>();
    copy.transact(() => {
      (copy.getMap('proposals').get(proposalId) as Y.Map<unknown>).set('revisions', m);
      for (let i = 0; i < 5000; i++) m.set(`r${i}`, { text: `${i}`.padEnd(2000, 'y'), by: '', at: i });
    });
    const update = Y.encodeStateAsUpdate(copy, sv);
    expect(update.length).toBeGreaterThan(10_000_000);
    const ws = await rawSocket(server.syncUrl, plenary(), asm.facilitatorToken);
    const closed = closeCodeOf(ws);
    ws.send(encodeUpdate(update));
    expect((await closed).code).toBe(1009);
    const doc = await settledView('after 10 MB');
    expect(getProposal(doc, proposalId)!.revisions).toEqual([]);
  });

  it('[D12] the rule of a proposal the room voted on by phone stays (4403), its head count may still be typed', async () => {
    const f = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
    await f.synced;
    proposalOf(f, votedId).set('threshold', 'two-thirds');
    expect((await f.closed).code).toBe(CloseCode.forbidden);
    const g = pool.open(server.syncUrl, plenary(), asm.facilitatorToken);
    await g.synced;
    proposalOf(g, votedId).set('present', 52);
    const later = await freshView();
    await eventually(() => expect(getProposal(later.doc, votedId)!.present).toBe(52));
    expect(getProposal(later.doc, votedId)!.rule.threshold).toBe('simple');
    expect(getProposal(later.doc, votedId)!.vote.eligible).toBe(40);
  });

  it('[D12] what the console writes is taken: a two-thirds threshold, a quorum, an amended text with its history, the choice', async () => {
    const f = await freshView();
    setDecisionRule(f.doc, proposalId, { threshold: 'two-thirds', quorum: 'present', quorumMin: 40 });
    reviseText(f.doc, proposalId, 'Strike on May 1, with a strike fund', { now: Date.now() + 0.4, editor: 'Ana' });
    showProposal(f.doc, votedId);
    const later = await freshView();
    await eventually(() => expect(shownProposalId(later.doc)).toBe(votedId));
    const p = getProposal(later.doc, proposalId)!;
    expect(p.rule).toMatchObject({ threshold: 'two-thirds', quorum: 'present', quorumMin: 40 });
    expect(p.text).toBe('Strike on May 1, with a strike fund');
    expect(p.revisions).toMatchObject([{ text: 'Strike on May 1', by: 'Ana' }]);
    expect(Number.isInteger(p.revisions[0].at)).toBe(true);
    // Put back for the other tests' expectations.
    f.doc.transact(() => {
      const map = proposalOf(f, proposalId);
      for (const k of ['threshold', 'quorum', 'quorumMin']) map.delete(k);
      map.set('text', 'Strike on May 1');
      map.delete('revisions');
      f.doc.getMap('run').set('shownProposalId', proposalId);
    });
    await eventually(async () => expect(getProposal((await freshView()).doc, proposalId)!.revisions).toEqual([]));
  });
});
