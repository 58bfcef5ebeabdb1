import type { Choice } from '../../app/model/proposal-shape.js';
import type { Tallies, Tally, TallyState } from './shared-state.js';

/** One vote this process is counting. */
interface LiveVote {
  tally: Tally;
  /** False from the moment a close begins: later ballots are refused here, before the store. */
  open: boolean;
  /** Ballots the store is recording right now; a close waits for them. */
  pending: number;
  idle: (() => void)[];
}

/**
 * Running tallies in this process's memory (one node, ADR 014): a vote open when the process dies
 * lost its tally, so every vote open in the store at start is void.
 */
export class MemoryTallies implements Tallies {
  readonly lostAtStart = true;
  private readonly live = new Map<string, LiveVote>();
  /** Votes facilitators' presses are opening right now (not yet in `live`): how many presses. */
  private readonly presses = new Map<string, number>();

  async counting(key: string): Promise<boolean> {
    return this.live.has(key) || this.presses.has(key);
  }

  async opening(key: string): Promise<() => Promise<void>> {
    this.presses.set(key, (this.presses.get(key) ?? 0) + 1);
    return async () => {
      const left = (this.presses.get(key) ?? 1) - 1;
      if (left > 0) this.presses.set(key, left);
      else this.presses.delete(key);
    };
  }

  async start(key: string): Promise<void> {
    if (!this.live.has(key)) this.live.set(key, { tally: { for: 0, against: 0, abstain: 0 }, open: true, pending: 0, idle: [] });
  }

  async enter(key: string): Promise<TallyState> {
    const vote = this.live.get(key);
    if (!vote) return 'absent';
    if (!vote.open) return 'closing';
    vote.pending += 1;
    return 'open';
  }

  /** A close here waits for every slot, so a counted ballot is always in its totals. */
  async leave(key: string, _ticket: string | null, choice: Choice | null): Promise<boolean> {
    const vote = this.live.get(key);
    if (!vote) return true;
    if (choice) vote.tally[choice] += 1;
    vote.pending -= 1;
    if (vote.pending === 0) for (const resolve of vote.idle.splice(0)) resolve();
    return true;
  }

  /** One process: a ballot in flight dies with the whole tally, so there is nothing to recover. */
  async recover(): Promise<'counted' | 'unknown'> {
    return 'unknown';
  }

  async stop(key: string): Promise<Tally | null> {
    const vote = this.live.get(key);
    if (!vote) return null;
    vote.open = false;
    if (vote.pending > 0) await new Promise<void>((resolve) => vote.idle.push(resolve));
    return { ...vote.tally };
  }

  async untouched(key: string): Promise<boolean> {
    const vote = this.live.get(key);
    return vote !== undefined && vote.pending === 0 && Object.values(vote.tally).every((n) => n === 0);
  }

  async drop(key: string): Promise<void> {
    this.live.delete(key);
  }

  async dropAll(prefix: string): Promise<void> {
    for (const key of this.live.keys()) if (key.startsWith(prefix)) this.live.delete(key);
  }
}
