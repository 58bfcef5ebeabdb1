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
    if (this.answers.size >= this.max) this.sweep(now);
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

  private forget(key: string, answer: Promise<T>): void {
    if (this.answers.get(key)?.answer === answer) this.answers.delete(key);
  }

  /** Drops expired answers; when none has expired, the oldest tenth (Map keeps insertion order). */
  private sweep(now: number): void {
    for (const [key, seen] of this.answers) if (now - seen.at >= this.keepMs) this.answers.delete(key);
    if (this.answers.size < this.max) return;
    let drop = Math.ceil(this.max / 10);
    for (const key of this.answers.keys()) {
      if (drop-- <= 0) break;
      this.answers.delete(key);
    }
  }
}
