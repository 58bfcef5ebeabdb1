/**
 * The shared state of several nodes in Redis (REDIS_URL, ADR 029): allowances counted once across
 * the nodes, command ids answered the same on every node, and running vote tallies in one place.
 * Redis runs without persistence: none of this is ever on a disk (ADR 014). Every operation that
 * reads and writes is one Lua script, so two nodes can never interleave inside it.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Choice } from '../../app/model/proposal-shape.js';
import { UnavailableError, type CommandAnswer } from '../../app/services.js';
import type { Logger } from '../logger.js';
import { isFinal, type Allowance, type Once, type SharedState, type Tallies, type Tally, type TallyState } from './shared-state.js';

const PREFIX = 'plenary:';

/** Takes a token (answers 0) or answers the ms until one is there; the clock is Redis's, the same for every node. */
const TAKE = `
local cap = tonumber(ARGV[1]); local rate = tonumber(ARGV[2])
local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * rate / 60000)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) * 60000 / rate) else tokens = tokens - 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(cap * 60000 / rate) + 1000)
return wait`;

const REFUND = `
local t = tonumber(redis.call('HGET', KEYS[1], 't'))
if t then redis.call('HSET', KEYS[1], 't', tostring(math.min(tonumber(ARGV[1]), t + 1))) end
return 0`;

/** Deletes a key only while it still holds the caller's value (its own pending mark). */
const DELETE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const OPENING_DONE = `local n = redis.call('DECR', KEYS[1]) if n <= 0 then redis.call('DEL', KEYS[1]) end return n`;
const START = `if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'state', 'open', 'for', 0, 'against', 0, 'abstain', 0, 'pending', 0) end return 0`;
// A ballot in flight is kept as 't:<ticket>' = its choice (one slot however often it is sent); a
// counted one leaves 'd:<phone>' (no choice; the phone is the ticket without its command id), set
// once, so a phone is counted at most once whichever of its commands is counted, and a retry can
// tell "counted" from "never got here" ([SO51], [SO52]).
const PHONE = `local function phone(ticket) return string.match(ticket, '^(.*):') or ticket end`;
const ENTER = `
local s = redis.call('HGET', KEYS[1], 'state')
if not s then return 'absent' end
if s ~= 'open' then return 'closing' end
if ARGV[1] == '' or redis.call('HSETNX', KEYS[1], 't:' .. ARGV[1], ARGV[2]) == 1 then redis.call('HINCRBY', KEYS[1], 'pending', 1) end
return 'open'`;
// Answers 0 when a ballot to count was not counted because the close has read its totals (state
// 'closed', [SO54]): the phone must not be told its ballot is in.
const LEAVE = `${PHONE}
if redis.call('EXISTS', KEYS[1]) == 0 then return ARGV[2] == '' and 1 or 0 end
local slot = ARGV[1] == '' or redis.call('HDEL', KEYS[1], 't:' .. ARGV[1]) == 1
if slot then redis.call('HINCRBY', KEYS[1], 'pending', -1) end
if ARGV[2] == '' then return 1 end
if ARGV[1] ~= '' and redis.call('HEXISTS', KEYS[1], 'd:' .. phone(ARGV[1])) == 1 then return 1 end
if redis.call('HGET', KEYS[1], 'state') == 'closed' then return 0 end
if ARGV[1] ~= '' then redis.call('HSET', KEYS[1], 'd:' .. phone(ARGV[1]), 1) end
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
return 1`;
// Only for a ballot the store says this phone cast: its node died between the store and LEAVE.
// A phone already counted (by another of its commands) is not counted again: its stranded slot,
// a ballot the store never recorded, is given back ([SO52]).
const RECOVER = `${PHONE}
if redis.call('EXISTS', KEYS[1]) == 0 then return 'unknown' end
if redis.call('HEXISTS', KEYS[1], 'd:' .. phone(ARGV[1])) == 1 then
  if redis.call('HDEL', KEYS[1], 't:' .. ARGV[1]) == 1 then redis.call('HINCRBY', KEYS[1], 'pending', -1) end
  return 'counted'
end
local choice = redis.call('HGET', KEYS[1], 't:' .. ARGV[1])
if not choice or redis.call('HGET', KEYS[1], 'state') == 'closed' then return 'unknown' end
redis.call('HDEL', KEYS[1], 't:' .. ARGV[1])
redis.call('HSET', KEYS[1], 'd:' .. phone(ARGV[1]), 1)
redis.call('HINCRBY', KEYS[1], choice, 1)
redis.call('HINCRBY', KEYS[1], 'pending', -1)
return 'counted'`;
// Refuses later ballots ('closing'); once nothing is in flight, or the wait is over (ARGV[1] = '1'),
// the totals read are final ('closed'): nothing is counted after them ([SO54]).
const STOP = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
local s = redis.call('HGET', KEYS[1], 'state')
if s ~= 'closed' then
  s = 'closing'
  if ARGV[1] == '1' or (tonumber(redis.call('HGET', KEYS[1], 'pending')) or 0) <= 0 then s = 'closed' end
  redis.call('HSET', KEYS[1], 'state', s)
end
return {s, unpack(redis.call('HMGET', KEYS[1], 'for', 'against', 'abstain'))}`;

export interface RedisStateOptions {
  /** How long a close waits for ballots in flight on other nodes; a node that died mid-ballot never answers. */
  closeWaitMs?: number;
  /** How long a send of a command id waits for the same id running on another node before answering 503. */
  onceWaitMs?: number;
  /** How long a command id's final answer is kept. */
  keepMs?: number;
}

/** How long one Redis command may take: every script here is a few hash operations. */
const COMMAND_TIMEOUT_MS = 1_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Redis is away: the request is refused with 503 and Retry-After, like a failing disk ([W17]). */
async function shared<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof UnavailableError) throw err;
    throw new UnavailableError(`the shared state (Redis) cannot be reached: ${(err as Error).message}`);
  }
}

export function redisState(url: string, logger: Logger, options: RedisStateOptions = {}): SharedState {
  const { closeWaitMs = 10_000, onceWaitMs = 5_000, keepMs = 15 * 60_000 } = options;
  // Fail fast while Redis is away (a 503 the phone retries), never queue requests behind it; and
  // while it is connected but silent (a partition that drops packets, a stalled server), give up
  // on a command after a second instead of holding the request until TCP notices ([SO53]).
  const redis = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (n) => Math.min(2000, 50 * n),
  });
  let reported = false;
  redis.on('error', (err: Error) => {
    if (!reported) logger.error('shared state: Redis unreachable', { error: err.message });
    reported = true;
  });
  redis.on('ready', () => (reported = false));

  const run = <T>(script: string, keys: string[], args: (string | number)[]) => shared(() => redis.eval(script, keys.length, ...keys, ...args) as Promise<T>);
  const dropMatching = (pattern: string) =>
    shared(async () => {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    });

  function allowance(name: string, capacity: number, perMinute: number): Allowance {
    const key = (k: string) => `${PREFIX}allow:${name}:${k}`;
    return {
      wait: (k) => run<number>(TAKE, [key(k)], [capacity, perMinute]),
      refund: async (k) => void (await run<number>(REFUND, [key(k)], [capacity])),
      forgetAll: (prefix) => dropMatching(`${key(prefix)}*`),
    };
  }

  const once: Once = {
    async run(key, command) {
      const k = `${PREFIX}once:${key}`;
      const mine = `pending:${randomBytes(9).toString('base64url')}`;
      const deadline = Date.now() + onceWaitMs;
      for (;;) {
        // The pending mark expires on its own: a node that dies mid-command does not block the id.
        if ((await shared(() => redis.set(k, mine, 'PX', onceWaitMs, 'NX'))) === 'OK') {
          let answer: CommandAnswer;
          try {
            answer = await command();
          } catch (err) {
            await run(DELETE_IF, [k], [mine]).catch(() => {});
            throw err;
          }
          if (isFinal(answer)) await shared(() => redis.set(k, JSON.stringify(answer), 'PX', keepMs)).catch(() => {});
          else await run(DELETE_IF, [k], [mine]).catch(() => {});
          return answer;
        }
        const seen = await shared(() => redis.get(k));
        if (seen !== null && !seen.startsWith('pending:')) return JSON.parse(seen) as CommandAnswer;
        if (Date.now() > deadline) return { status: 503, error: 'errors.unavailable', retryAfter: 5 };
        // The same id is running on another node (or a moment ago on this one): its answer comes soon.
        if (seen !== null) await pause(25);
      }
    },
    forgetAll: (prefix) => dropMatching(`${PREFIX}once:${prefix}*`),
  };

  const tallyKey = (key: string) => `${PREFIX}tally:${key}`;
  const openingKey = (key: string) => `${PREFIX}opening:${key}`;
  const toTally = (values: (string | null)[]): Tally => ({ for: Number(values[0] ?? 0), against: Number(values[1] ?? 0), abstain: Number(values[2] ?? 0) });

  const tallies: Tallies = {
    lostAtStart: false,
    counting: (key) => shared(async () => (await redis.exists(tallyKey(key), openingKey(key))) > 0),
    async opening(key) {
      await shared(() => redis.multi().incr(openingKey(key)).pexpire(openingKey(key), 60_000).exec());
      return async () => void (await run<number>(OPENING_DONE, [openingKey(key)], []));
    },
    start: async (key) => void (await run<number>(START, [tallyKey(key)], [])),
    enter: (key, ticket, choice) => run<TallyState>(ENTER, [tallyKey(key)], [ticket ?? '', choice]),
    leave: async (key, ticket, choice: Choice | null) => (await run<number>(LEAVE, [tallyKey(key)], [ticket ?? '', choice ?? ''])) === 1,
    recover: (key, ticket) => run<'counted' | 'unknown'>(RECOVER, [tallyKey(key)], [ticket]),
    async stop(key) {
      const deadline = Date.now() + closeWaitMs;
      for (;;) {
        const values = await run<(string | null)[] | null>(STOP, [tallyKey(key)], [Date.now() > deadline ? '1' : '0']);
        if (!values) return null;
        const [state, ...counts] = values;
        // Ballots in flight on any node are waited for; one whose node died is never acknowledged.
        if (state === 'closed') return toTally(counts);
        await pause(20);
      }
    },
    async untouched(key) {
      const values = await shared(() => redis.hmget(tallyKey(key), 'state', 'pending', 'for', 'against', 'abstain'));
      return values[0] !== null && values.slice(1).every((v) => Number(v ?? 0) === 0);
    },
    drop: async (key) => void (await shared(() => redis.del(tallyKey(key)))),
    dropAll: (prefix) => dropMatching(`${PREFIX}tally:${prefix}*`),
  };

  return {
    allowance,
    once,
    tallies,
    claim: async (name, ms) => (await shared(() => redis.set(`${PREFIX}claim:${name}`, '1', 'PX', ms, 'NX'))) === 'OK',
    ready: async () => (await redis.ping().catch(() => null)) === 'PONG',
    async close() {
      redis.disconnect();
    },
  };
}
