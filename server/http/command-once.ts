/**
 * Commands carry an id the phone made up, so sending one twice does it once ([N1]): a phone on
 * hall wifi cannot tell a command the server never got from one whose answer was lost, so it
 * sends again, and the second send must not be a second hand or a second ballot.
 *
 * The first send's answer is kept for a while and given again to any later send of the same id;
 * a send that arrives while the first is still being applied waits for the first's answer. An
 * answer that says "try again" (the store was unavailable, the phone was rate limited) is not
 * kept: the retry runs the command for real.
 *
 * In memory: a restart forgets the ids. What a command changes is safe across that anyway (one
 * open hand per kind, one ballot per right, a seat is a seat); the ids turn the retry's refusal
 * ("already voted") back into the first answer the phone never heard.
 */
export class CommandOnce<T> {
  private readonly answers = new Map<string, { at: number; answer: Promise<T> }>();

  constructor(
    /** Whether an answer is final (kept) or asks the phone to try again (forgotten). */
    private readonly final: (answer: T) => boolean,
    private readonly keepMs = 15 * 60_000,
    private readonly max = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `command` the first time `key` is seen; later sends of `key` get the first answer. */
  run(key: string, command: () => Promise<T>): Promise<T> {
    const now = this.now();
    const seen = this.answers.get(key);
    if (seen && now - seen.at < this.keepMs) return seen.answer;
    // Deleted first, so the Map's order stays the order of `at` (set would keep the old place).
    if (seen) this.answers.delete(key);
    this.expire(now);
    if (this.answers.size >= this.max) this.dropOldest();
    const answer = command();
    this.answers.set(key, { at: now, answer });
    // A thrown error or an answer that asks for a retry is not the command's last word.
    answer.then(
      (value) => {
        if (!this.final(value)) this.forget(key, answer);
      },
      () => this.forget(key, answer),
    );
    return answer;
  }

  /**
   * Forgets every answer whose key starts with `prefix` (an assembly being deleted: its answers
   * hold what people typed, such as names, and must not outlive it). Rare, so a scan is fine.
   */
  forgetAll(prefix: string): void {
    for (const key of this.answers.keys()) if (key.startsWith(prefix)) this.answers.delete(key);
  }

  private forget(key: string, answer: Promise<T>): void {
    if (this.answers.get(key)?.answer === answer) this.answers.delete(key);
  }

  /**
   * Drops expired answers from the front (the Map is in order of `at`): each answer is dropped
   * once, so this costs nothing per command on average. A scan of the whole Map whenever it was
   * full cost a script that kept it full (answers expiring one by one) about 4 ms of the event
   * loop per command, everyone's.
   */
  private expire(now: number): void {
    for (const [key, seen] of this.answers) {
      if (now - seen.at < this.keepMs) return;
      this.answers.delete(key);
    }
  }

  /** When full of live answers, the oldest tenth goes at once, so the next tenth cost nothing. */
  private dropOldest(): void {
    let drop = Math.max(1, this.answers.size - this.max + Math.ceil(this.max / 10));
    for (const key of this.answers.keys()) {
      if (drop-- <= 0) break;
      this.answers.delete(key);
    }
  }
}
