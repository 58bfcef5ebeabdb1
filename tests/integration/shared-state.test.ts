/**
 * Allowances, command ids, running tallies and once-only jobs shared by several nodes through a
 * real Redis (ADR 029): each "node" here is its own `redisState` with its own connection, as two
 * Plenary processes would have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryState, type SharedState } from '../../server/shared/shared-state.js';
import { redisState } from '../../server/shared/redis-state.js';
import { silentLogger } from '../../server/logger.js';
import { UnavailableError, type CommandAnswer } from '../../app/services.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { eventually } from '../helpers/clients.js';

let redis: TestRedis;
let a: SharedState;
let b: SharedState;
let n = 0;
/** A key of its own for every check, so they never share a bucket or a tally. */
const fresh = (what: string) => `${what}-${++n}`;

beforeAll(async () => {
  redis = await startRedis();
  a = redisState(redis.url, silentLogger, { closeWaitMs: 3_000, onceWaitMs: 3_000 });
  b = redisState(redis.url, silentLogger, { closeWaitMs: 3_000, onceWaitMs: 3_000 });
  // Connected before the checks (a first command while connecting is refused, not queued).
  await eventually(async () => expect(await a.allowance('warm', 1, 1).wait(fresh('warm'))).toBe(0));
  await eventually(async () => expect(await b.allowance('warm', 1, 1).wait(fresh('warm'))).toBe(0));
}, 30_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis?.stop();
});

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('several nodes on one Redis', () => {
  it('[SO40] an allowance is one bucket across the nodes: a flood split over two nodes gets no more than on one', async () => {
    const key = fresh('session');
    const onA = a.allowance('commands', 3, 6);
    const onB = b.allowance('commands', 3, 6);
    expect([await onA.wait(key), await onB.wait(key), await onA.wait(key)]).toEqual([0, 0, 0]);
    const refused = [await onB.wait(key), await onA.wait(key)];
    for (const wait of refused) expect(wait).toBeGreaterThan(0);
    // A refund on one node is a token the other node can take.
    await onA.refund(key);
    expect(await onB.wait(key)).toBe(0);
    // The same limits on one node alone, for comparison: three, then refused.
    const one = memoryState().allowance('commands', 3, 6);
    const alone = [await one.wait(key), await one.wait(key), await one.wait(key), await one.wait(key)];
    expect(alone.filter((w) => w === 0)).toHaveLength(3);
  });

  it('[SO41] a command id sent to two nodes runs once; the second node answers what the first did', async () => {
    const key = fresh('asm:session:cmd');
    const release = deferred<CommandAnswer>();
    let runs = 0;
    const first = a.once.run(key, async () => {
      runs++;
      return release.promise;
    });
    // The retry reaches node B while A is still applying the first send.
    const second = b.once.run(key, async () => {
      runs++;
      return { status: 200, name: 'ran twice' };
    });
    release.resolve({ status: 200, name: 'Ana' });
    expect(await first).toEqual({ status: 200, name: 'Ana' });
    expect(await second).toEqual({ status: 200, name: 'Ana' });
    // Later sends, on either node, get the kept answer.
    expect(await b.once.run(key, async () => ({ status: 500 }))).toEqual({ status: 200, name: 'Ana' });
    expect(runs).toBe(1);
  });

  it('[SO41] an answer that asks for a retry (429, 503) is not kept: the retry on another node runs for real', async () => {
    const key = fresh('asm:session:cmd');
    expect(await a.once.run(key, async () => ({ status: 429, retryAfter: 3 }))).toEqual({ status: 429, retryAfter: 3 });
    expect(await b.once.run(key, async () => ({ status: 200 }))).toEqual({ status: 200 });
    // A command that throws is not the last word either.
    const other = fresh('asm:session:cmd');
    await expect(a.once.run(other, async () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    expect(await b.once.run(other, async () => ({ status: 201 }))).toEqual({ status: 201 });
  });

  it('[SO41][X4] deleting an assembly forgets its kept answers on every node (they hold typed names)', async () => {
    const asm = fresh('asm');
    await a.once.run(`${asm}:s:c1`, async () => ({ status: 200, name: 'Ana' }));
    await b.once.forgetAll(`${asm}:`);
    expect(await a.once.run(`${asm}:s:c1`, async () => ({ status: 200, name: 'again' }))).toEqual({ status: 200, name: 'again' });
  });

  it('[SO42] a vote counted on two nodes: a close on A waits for a ballot in flight on B, and later ballots are refused', async () => {
    const vote = fresh('asm:proposal');
    expect(await a.tallies.counting(vote)).toBe(false);
    const opened = await b.tallies.opening(vote);
    // A press on B is opening it: a settle on A must not void it ([V12]).
    expect(await a.tallies.counting(vote)).toBe(true);
    await b.tallies.start(vote);
    await opened();
    expect(await a.tallies.untouched(vote)).toBe(true);
    expect(await a.tallies.enter(vote, null, 'for')).toBe('open');
    await a.tallies.leave(vote, null, 'for');
    expect(await b.tallies.enter(vote, null, 'for')).toBe('open'); // B's ballot is in the store's hands now
    const closing = a.tallies.stop(vote);
    // While A waits, no new ballot gets in on either node.
    await eventually(async () => expect(await b.tallies.enter(vote, null, 'for')).toBe('closing'));
    expect(await a.tallies.enter(vote, null, 'for')).toBe('closing');
    await b.tallies.leave(vote, null, 'against');
    expect(await closing).toEqual({ for: 1, against: 1, abstain: 0 });
    await a.tallies.drop(vote);
    expect(await b.tallies.enter(vote, null, 'for')).toBe('absent');
    expect(await b.tallies.stop(vote)).toBeNull();
  });

  it('[SO42] a node that died mid-ballot does not hold the close forever: its ballot was never acknowledged and is not counted', async () => {
    const vote = fresh('asm:proposal');
    await a.tallies.start(vote);
    expect(await b.tallies.enter(vote, null, 'for')).toBe('open'); // then node B dies: it never leaves
    const started = Date.now();
    expect(await a.tallies.stop(vote)).toEqual({ for: 0, against: 0, abstain: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
  });

  it('[SO51] a ballot whose node died after the store recorded it is counted once, by its resend, on any node', async () => {
    const vote = fresh('asm:proposal');
    await a.tallies.start(vote);
    // Node B takes the ballot, the store records it, then B dies before giving the slot back.
    expect(await b.tallies.enter(vote, 'asm:s1:cmd1', 'against')).toBe('open');
    // The resend reaches A (the store says this phone voted): counted now, and only once.
    expect(await a.tallies.recover(vote, 'asm:s1:cmd1')).toBe('counted');
    expect(await a.tallies.recover(vote, 'asm:s1:cmd1')).toBe('counted');
    // A ballot counted the ordinary way is "counted" for its resend too; an unknown ticket is not.
    expect(await a.tallies.enter(vote, 'asm:s2:cmd1', 'for')).toBe('open');
    await a.tallies.leave(vote, 'asm:s2:cmd1', 'for');
    expect(await b.tallies.recover(vote, 'asm:s2:cmd1')).toBe('counted');
    expect(await b.tallies.recover(vote, 'asm:s3:never')).toBe('unknown');
    // Two sends of one ballot in flight at once take one slot and count once.
    expect(await a.tallies.enter(vote, 'asm:s4:cmd1', 'abstain')).toBe('open');
    expect(await b.tallies.enter(vote, 'asm:s4:cmd1', 'abstain')).toBe('open');
    await b.tallies.leave(vote, 'asm:s4:cmd1', null); // the resend: the store said "already"
    await a.tallies.leave(vote, 'asm:s4:cmd1', 'abstain'); // the first: counted
    // Nothing is left in flight, so the close does not wait.
    const started = Date.now();
    expect(await b.tallies.stop(vote)).toEqual({ for: 1, against: 1, abstain: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('[SO43] a job claimed by one node is not run by another in the same period', async () => {
    const job = fresh('sweep');
    const claims = await Promise.all([a.claim(job, 60_000), b.claim(job, 60_000), a.claim(job, 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('[SO44] with Redis away a shared call fails fast as "unavailable" (503), never hangs; it works again once Redis is back', async () => {
    await redis.kill();
    const key = fresh('session');
    const started = Date.now();
    await expect(a.allowance('commands', 3, 6).wait(key)).rejects.toBeInstanceOf(UnavailableError);
    await expect(b.tallies.enter(fresh('asm:p'), null, 'for')).rejects.toBeInstanceOf(UnavailableError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await redis.restart();
    await eventually(async () => expect(await a.allowance('commands', 3, 6).wait(key)).toBe(0), { timeout: 10_000 });
    // A restarted Redis lost every running tally: the votes are no longer counted, so they settle as interrupted.
    expect(await a.tallies.counting(fresh('asm:p'))).toBe(false);
  }, 20_000);
});
