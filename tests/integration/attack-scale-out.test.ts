/**
 * An adversarial pass over scale-out (issue 16): real nodes (processes) on one throwaway
 * PostgreSQL and one throwaway Redis, attacked as a phone holding one voting right would, while a
 * node dies or the database is slow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { clientPool, eventually, sleep } from '../helpers/clients.js';
import { startCluster, type TestCluster } from '../helpers/cluster.js';
import { createAssembly, type CreatedAssembly } from '../helpers/server.js';
import { issueCodes, Phone } from '../helpers/phone.js';
import type { ChildServer } from '../helpers/child-server.js';
import { addItem } from '../../app/model/agenda.js';
import { addProposal, getProposal } from '../../app/model/proposals.js';
import { goToItem } from '../../app/model/run.js';

let cluster: TestCluster;
let redis: Redis;
const pool = clientPool();

beforeAll(async () => {
  // Three nodes: one is killed in a check, two are left for the others.
  cluster = await startCluster({ nodes: 3 });
  redis = new Redis(cluster.redis.url);
}, 90_000);
afterAll(async () => {
  pool.destroyAll();
  redis?.disconnect();
  await cluster?.stop();
});

/** An assembly with one proposal whose phone vote is open, made on `node`. */
async function openVote(node: ChildServer, title: string): Promise<{ asm: CreatedAssembly; proposalId: string; facilitator: Phone }> {
  const asm = await createAssembly(node.url, title);
  const writer = pool.open(node.syncUrl, `${asm.id}/plenary`, asm.facilitatorToken);
  await writer.synced;
  const itemId = addItem(writer.doc, { title: 'Motions', kind: 'proposal', minutes: 30 });
  goToItem(writer.doc, itemId, Date.now());
  const proposalId = addProposal(writer.doc, { itemId, text: 'Strike on Monday' }, Date.now());
  const facilitator = new Phone(node.url, asm.facilitatorToken);
  await eventually(async () => expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'open-vote', proposalId })).toBe(200));
  return { asm, proposalId, facilitator };
}

/** A phone that joined and redeemed one code. */
async function voter(node: ChildServer, asm: CreatedAssembly, code: string): Promise<Phone> {
  const phone = new Phone(node.url);
  expect(await phone.join(asm.attendeeToken)).toBe(303);
  expect(await phone.send(`/a/${asm.id}?index`, { intent: 'redeem', code })).toBe(303);
  return phone;
}

describe('ballots recovered by command id (ADR 029, [SO51])', () => {
  it('[SO52] one right, a ballot stranded by a dead node, a new ballot, then the stranded one resent: counted once, never twice', async () => {
    const [A, B] = cluster.nodes;
    const { asm, proposalId, facilitator } = await openVote(B, 'Stranded ballot');
    const [code] = await issueCodes(facilitator, asm.id, 1);
    const phone = await voter(B, asm, code);
    const tally = `plenary:tally:${asm.id}:${proposalId}`;

    // The database is slow for a moment (a lock on the vote's row), so node A's ballot waits
    // between taking its slot in Redis and the store recording it ...
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    await db.query('BEGIN');
    await db.query('SELECT 1 FROM votes WHERE assembly_id = $1 AND proposal_id = $2 FOR UPDATE', [asm.id, proposalId]);
    const first = phone
      .at(A.url)
      .send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'for', commandId: 'stranded-ballot-01' })
      .catch(() => 'no answer');
    await eventually(async () => expect(await redis.hget(tally, 'pending')).toBe('1'), { timeout: 10_000 });
    // ... and node A dies there: the store never recorded that ballot, and nobody was told it counted.
    await cluster.kill(A);
    expect(await first).toBe('no answer');
    await db.query('ROLLBACK');
    await db.end();

    // The phone votes again with a new command id (a reloaded page makes one): counted.
    expect(await phone.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'for', commandId: 'second-ballot-0001' })).toBe(303);
    // Then it resends the stranded ballot's id once its pending mark has expired.
    let resent = 503;
    for (let i = 0; i < 40 && resent === 503; i++) {
      resent = await phone.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'for', commandId: 'stranded-ballot-01' });
      if (resent === 503) await sleep(250);
    }
    expect([303, 409]).toContain(resent);

    expect(await facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId })).toBe(200);
    const reader = pool.open(B.syncUrl, `${asm.id}/plenary`, asm.attendeeToken);
    await reader.synced;
    await eventually(() => expect(getProposal(reader.doc, proposalId)!.vote.closed).toBe(true));
    const { counts } = getProposal(reader.doc, proposalId)!;
    // One right was issued: one ballot, whatever the phone sent.
    expect(counts.for + counts.against + counts.abstain).toBe(1);
  }, 60_000);
});

describe('a close racing a slow ballot ([SO42])', () => {
  it("[SO54] a ballot the database holds past the close's wait is not acknowledged unless it is in the closed tally", async () => {
    const [, B, C] = cluster.nodes;
    const { asm, proposalId, facilitator } = await openVote(B, 'Slow ballot');
    const [code] = await issueCodes(facilitator, asm.id, 1);
    const phone = await voter(C, asm, code);
    const tally = `plenary:tally:${asm.id}:${proposalId}`;

    // The database stalls on the vote's row for longer than a close waits for ballots in flight (10 s).
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    await db.query('BEGIN');
    await db.query('SELECT 1 FROM votes WHERE assembly_id = $1 AND proposal_id = $2 FOR UPDATE', [asm.id, proposalId]);
    const ballot = phone.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'against', commandId: 'slow-ballot-00001' });
    await eventually(async () => expect(await redis.hget(tally, 'pending')).toBe('1'), { timeout: 10_000 });
    const close = facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId });
    await eventually(async () => expect(await redis.hget(tally, 'state')).toBe('closing'), { timeout: 5_000 });
    await sleep(11_000);
    await db.query('ROLLBACK');
    await db.end();
    const [ballotStatus, closeStatus] = await Promise.all([ballot, close]);
    expect(closeStatus).toBe(200);

    const reader = pool.open(B.syncUrl, `${asm.id}/plenary`, asm.attendeeToken);
    await reader.synced;
    await eventually(() => expect(getProposal(reader.doc, proposalId)!.vote.closed).toBe(true));
    const { counts } = getProposal(reader.doc, proposalId)!;
    // Told "your ballot is in" only if it is in.
    if (ballotStatus === 303) expect(counts.against).toBe(1);
    else {
      expect(ballotStatus).toBe(409);
      expect(counts.against).toBe(0);
    }
  }, 60_000);
});

describe('a deleted assembly leaves nothing in Redis ([X4], [SO41])', () => {
  it('[SO55] kept answers (typed names), tallies, allowances and opening marks of a deleted assembly are gone from Redis at once', async () => {
    const [, B, C] = cluster.nodes;
    const title = 'Assembly Quiet-Heron-4410';
    const { asm, proposalId, facilitator } = await openVote(B, title);
    const [code] = await issueCodes(facilitator, asm.id, 1);
    const phone = await voter(C, asm, code);
    expect(await phone.send(`/a/${asm.id}?index`, { intent: 'raise', name: 'Ana Typed-Name', kind: 'speak', commandId: 'deleted-raise-001' })).toBe(303);
    expect(await phone.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'for', commandId: 'deleted-vote-0001' })).toBe(303);
    const keysOf = async () => {
      const found: string[] = [];
      let cursor = '0';
      for (let i = 0; i < 1000; i++) {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `*${asm.id}*`, 'COUNT', 1000);
        found.push(...keys);
        cursor = next;
        if (cursor === '0') break;
      }
      return found.sort();
    };
    expect((await keysOf()).length).toBeGreaterThan(0);
    const deleted = await facilitator.post(`/a/${asm.id}/facilitate`, { intent: 'delete', confirm: title });
    await deleted.arrayBuffer();
    expect(deleted.status).toBeLessThan(400);
    expect(await keysOf()).toEqual([]);
  }, 30_000);
});

/** The status, or 'hung' when no answer came within `ms`. */
const within = async (ms: number, status: Promise<number>): Promise<number | 'hung'> => Promise.race([status, sleep(ms).then(() => 'hung' as const)]);

describe('Redis or PostgreSQL away: a clear 503, never a 500 or a hang ([SO44])', () => {
  it('[SO53] Redis stalled (a partition that drops packets, not a refused connection): commands, join codes and the console answer 503 within seconds', async () => {
    const [, B, C] = cluster.nodes;
    const { asm, proposalId, facilitator } = await openVote(B, 'Stalled Redis');
    const [code] = await issueCodes(facilitator, asm.id, 1);
    const phone = await voter(C, asm, code);
    const pid = Number(/process_id:(\d+)/.exec(await redis.info('server'))![1]);
    process.kill(pid, 'SIGSTOP');
    try {
      const answers = await Promise.all([
        within(5_000, phone.send(`/a/${asm.id}?index`, { intent: 'raise', name: 'Ana', kind: 'speak', commandId: 'stalled-raise-001' })),
        within(5_000, phone.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'for', commandId: 'stalled-vote-0001' })),
        within(
          5_000,
          new Phone(C.url).get('/j/ABCDE-FGHIJ').then((r) => r.status),
        ),
        within(5_000, facilitator.send(`/a/${asm.id}/facilitate`, { intent: 'close-vote', proposalId })),
      ]);
      expect(answers).toEqual([503, 503, 503, 503]);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // Back: the same command ids run for real.
    await eventually(
      async () => expect(await phone.send(`/a/${asm.id}?index`, { intent: 'raise', name: 'Ana', kind: 'speak', commandId: 'stalled-raise-001' })).toBe(303),
      {
        timeout: 15_000,
        interval: 250,
      },
    );

    // Redis gone altogether (connections refused): the same clear answers, at once.
    await cluster.redis.kill();
    try {
      const answers = await Promise.all([
        within(5_000, phone.send(`/a/${asm.id}?index`, { intent: 'vote', proposalId, choice: 'for', commandId: 'killed-vote-00001' })),
        within(
          5_000,
          new Phone(C.url).get('/j/ABCDE-FGHIJ').then((r) => r.status),
        ),
      ]);
      expect(answers).toEqual([503, 503]);
      // Pages that only read documents keep working (ADR 029): the phone's page, with a vote open.
      const page = await within(
        5_000,
        phone.get(`/a/${asm.id}`).then(async (r) => (await r.arrayBuffer(), r.status)),
      );
      const console_ = await within(
        5_000,
        facilitator.get(`/a/${asm.id}/facilitate`).then(async (r) => (await r.arrayBuffer(), r.status)),
      );
      expect([page, console_]).toEqual([200, 200]);
    } finally {
      await cluster.redis.restart();
    }
  }, 60_000);
});
