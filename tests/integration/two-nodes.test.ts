/**
 * Two Plenary nodes (real processes) on one PostgreSQL and one Redis, behind the shipped HAProxy
 * config (issue 16): what one node does, the other's clients see; commands applied by one node are
 * exact with the other's. Each check names node A and node B, so clients go to a node directly;
 * the assemblies are made through the balancer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPool, closeCodeOf, eventually, rawSocket, type Client } from '../helpers/clients.js';
import { startCluster, type TestCluster } from '../helpers/cluster.js';
import { createAssembly, mintLink, type CreatedAssembly } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import type { ChildServer } from '../helpers/child-server.js';
import { addItem, readAgenda } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';
import { readEntries } from '../../app/model/stack.js';

let cluster: TestCluster;
let A: ChildServer;
let B: ChildServer;
const pool = clientPool();

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2, balancer: true });
  [A, B] = cluster.nodes;
}, 60_000);
afterAll(async () => {
  pool.destroyAll();
  await cluster?.stop();
});

/** An assembly made on node A, its plenary open on A by a facilitator, with one current item. */
async function hall(title: string): Promise<{ asm: CreatedAssembly; writer: Client; itemId: string }> {
  const asm = await createAssembly(cluster.balancer!.url, title);
  const writer = pool.open(A.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await writer.synced;
  const itemId = addItem(writer.doc, { title: 'Motions', kind: 'proposal', minutes: 30 });
  goToItem(writer.doc, itemId, Date.now());
  return { asm, writer, itemId };
}

describe('two nodes, one Postgres, one Redis', () => {
  it('[SO21][SO22] a writer on node A and 200 readers on node B converge', async () => {
    const { asm, writer } = await hall('Two nodes');
    const readers = Array.from({ length: 200 }, () => pool.open(B.syncUrl, `${asm.id}/plenary`, asm.attendeeToken));
    await Promise.all(readers.map((r) => r.synced));
    for (let i = 0; i < 20; i++) addItem(writer.doc, { title: `Item ${i}`, kind: 'discussion', minutes: 5 });
    const want = readAgenda(writer.doc).map((i) => i.title);
    expect(want).toHaveLength(21);
    await eventually(
      () => {
        for (const r of readers) expect(readAgenda(r.doc).map((i) => i.title)).toEqual(want);
      },
      { timeout: 20_000 },
    );
  }, 60_000);

  it('[SO45] an attendee whose page is on node B raises a hand that node A applies; B’s readers see it', async () => {
    const { asm } = await hall('A hand across nodes');
    const reader = pool.open(B.syncUrl, `${asm.id}/plenary`, asm.attendeeToken);
    await reader.synced;
    const phone = new Phone(B.url);
    expect(await phone.join(asm.attendeeToken)).toBe(303);
    // The same phone, its next request balanced to node A: its session is good there too.
    expect(await phone.at(A.url).send(`/a/${asm.id}?index`, { intent: 'raise', name: 'Hodan', kind: 'speak' })).toBe(303);
    await eventually(() => expect(readEntries(reader.doc).map((e) => e.name)).toEqual(['Hodan']));
    // Its second hand of the same kind, sent to B, is refused: B's copy has A's hand.
    expect(await phone.send(`/a/${asm.id}?index`, { intent: 'raise', name: 'Hodan', kind: 'speak' })).toBe(409);
  });

  it('[SO42][SO46] a vote with ballots cast on both nodes and closed on A is exact', async () => {
    const { asm, writer, itemId } = await hall('A vote across nodes');
    const facilitator = new Phone(A.url, asm.facilitatorToken);
    const codes = await issueCodes(facilitator, asm.id, 40);
    const proposalId = addProposal(writer.doc, { itemId, text: 'We strike on Monday' }, Date.now());
    await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
    const choices = ['for', 'for', 'against', 'abstain', 'for'] as const;
    const acknowledged = { for: 0, against: 0, abstain: 0 };
    await Promise.all(
      codes.map(async (code, i) => {
        const node = i % 2 === 0 ? A : B;
        const p = new Phone(node.url);
        expect(await p.join(asm.attendeeToken)).toBe(303);
        // Code on one node, ballot on the other: nothing a node keeps for itself is needed.
        expect(await p.at(i % 2 === 0 ? B.url : A.url).send(`/a/${asm.id}?index`, { intent: 'redeem', code })).toBe(303);
        const choice = choices[i % choices.length];
        if ((await p.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice })) === 303) acknowledged[choice]++;
      }),
    );
    expect(acknowledged.for + acknowledged.against + acknowledged.abstain).toBe(40);
    expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId })).toBe(200);
    await eventually(() => {
      const p = getProposal(writer.doc, proposalId)!;
      expect(p.vote.closed).toBe(true);
      expect(p.counts).toEqual(acknowledged);
    });
    // A late ballot on node B after the close on A is refused.
    const late = new Phone(B.url);
    await late.join(asm.attendeeToken);
    expect(await late.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'for' })).not.toBe(303);
  }, 60_000);

  it('[SO30] a link revoked through node B cuts its socket on node A within a second', async () => {
    const { asm } = await hall('Revoked across nodes');
    const keeper = await mintLink(A.url, asm, { role: 'stack-keeper' });
    const socket = await rawSocket(A.syncUrl, `${asm.id}/plenary`, keeper.token);
    const closed = closeCodeOf(socket);
    const res = await fetch(`${B.url}/api/assemblies/${asm.id}/links/${keeper.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${asm.facilitatorToken}` },
    });
    expect(res.status).toBe(204);
    const revokedAt = Date.now();
    const { code } = await closed;
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
    expect(code).toBeGreaterThanOrEqual(4400);
  });
});
