/**
 * What the server's commands keep between requests that must be the same on every node (ADR 029):
 * allowances (rate limits), the answers kept for command ids, and running vote tallies. One node
 * keeps them in its memory (`memoryState`); several nodes keep them in Redis (`redisState`,
 * server/shared/redis-state.ts), so a phone whose retry lands on another node gets the same
 * answer, a flood is counted once across the nodes, and a vote is counted in one place.
 */
import type { Choice } from '../../app/model/proposal-shape.js';
import type { CommandAnswer } from '../../app/services.js';
import { CommandOnce } from '../http/command-once.js';
import { RateLimiter } from '../http/rate-limit.js';
import { MemoryTallies } from './memory-tallies.js';

export type Tally = Record<Choice, number>;

/** A token bucket per key: `wait` takes a token and answers 0, or answers the ms until one is there. */
export interface Allowance {
  wait(key: string): Promise<number>;
  /** Gives back a token `wait` took, for a request another limit then refused. */
  refund(key: string): Promise<void>;
  /** Forgets every bucket whose key starts with `prefix`: a deleted assembly's sessions ([SO55]). */
  forgetAll(prefix: string): Promise<void>;
}

/** Runs a command once per key ([N1]): later sends of the key get the first final answer. */
export interface Once {
  run(key: string, command: () => Promise<CommandAnswer>): Promise<CommandAnswer>;
  /** Forgets every kept answer whose key starts with `prefix` (an assembly being deleted, [X4]). */
  forgetAll(prefix: string): Promise<void>;
}

/** Where a vote stands in the running tallies. */
export type TallyState = 'open' | 'closing' | 'absent';

/**
 * The running tallies of open votes (ADR 014: never on disk). A ballot takes a slot (`enter`)
 * before the store records it and leaves it (`leave`, with its choice once the store counted it),
 * so a close (`stop`) can refuse later ballots and wait for those in flight.
 */
export interface Tallies {
  /** Votes open in the store when this node starts whose tallies are gone: void them (one node: all; Redis: none). */
  lostAtStart: boolean;
  /** Whether the vote is counted here, or a facilitator's press is opening it right now ([V12]). */
  counting(key: string): Promise<boolean>;
  /** Marks the vote as being opened until the returned function is called ([V12]). */
  opening(key: string): Promise<() => Promise<void>>;
  /** Starts counting from zero, unless it is counted already. */
  start(key: string): Promise<void>;
  /**
   * Takes a ballot's slot when the vote is open; otherwise says why not. `ticket` names the phone's
   * command (assembly, session, command id), kept with its choice while the ballot is in flight so
   * a retry can finish a ballot whose node died ([SO51]); null for a command without an id.
   */
  enter(key: string, ticket: string | null, choice: Choice): Promise<TallyState>;
  /**
   * Gives the slot back, counting `choice` (null: the store did not count the ballot). False when
   * `choice` was not counted because the close had already read its totals ([SO54]).
   */
  leave(key: string, ticket: string | null, choice: Choice | null): Promise<boolean>;
  /**
   * A resend of ballot `ticket` whose phone the store says has voted: `counted` when that ballot is
   * in the tally (its first send was counted, or its node died after the store recorded it and it
   * is counted now), `unknown` otherwise. Call it only once the store says the phone voted.
   */
  recover(key: string, ticket: string): Promise<'counted' | 'unknown'>;
  /** Refuses further ballots, waits for those in flight, and answers the tally; null when not counted here. */
  stop(key: string): Promise<Tally | null>;
  /** Whether the vote is counted and nobody has voted in it (so a refused open can be undone). */
  untouched(key: string): Promise<boolean>;
  drop(key: string): Promise<void>;
  /** Drops every tally whose key starts with `prefix` (a deleted assembly). */
  dropAll(prefix: string): Promise<void>;
}

export interface SharedState {
  allowance(name: string, capacity: number, perMinute: number): Allowance;
  once: Once;
  tallies: Tallies;
  /** True for the one caller (across the nodes) that takes `name` for `ms`: a job that must run once, such as the deletion sweep. */
  claim(name: string, ms: number): Promise<boolean>;
  /** Whether the shared state answers (Redis PING); always true in memory. For `/readyz`. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** Refusals for good are final; a 429 or a 5xx asks the phone to send again, and that send runs. */
export const isFinal = (answer: CommandAnswer) => answer.status < 500 && answer.status !== 429;

/** One node: everything in this process's memory (a restart forgives allowances and forgets ids; open votes are void). */
export function memoryState(now: () => number = Date.now): SharedState {
  const once = new CommandOnce<CommandAnswer>(isFinal, undefined, undefined, now);
  return {
    allowance(_name, capacity, perMinute) {
      const limiter = new RateLimiter(capacity, perMinute, now);
      return { wait: async (key) => limiter.wait(key), refund: async (key) => limiter.refund(key), forgetAll: async (prefix) => limiter.forgetAll(prefix) };
    },
    once: { run: (key, command) => once.run(key, command), forgetAll: async (prefix) => once.forgetAll(prefix) },
    tallies: new MemoryTallies(),
    claim: async () => true,
    ready: async () => true,
    close: async () => {},
  };
}
