/**
 * Token buckets keyed by session (never by IP: a thousand people behind one venue NAT must all get
 * in). In memory: a restart forgives everyone, which is fine for a limit measured in seconds.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    /** Commands allowed in a burst. */
    private readonly capacity: number,
    /** Commands given back per minute. */
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when none is left. */
  take(key: string): boolean {
    return this.wait(key) === 0;
  }

  /** Takes one token for `key` and answers 0, or answers how many ms until one is there (taking none). */
  wait(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    if (this.buckets.size > 100_000) this.sweep(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute);
    bucket.tokens -= 1;
    return 0;
  }

  /** Gives back a token taken by `wait` for a command another limit then refused. */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  /** Forgets every bucket whose key starts with `prefix` (a deleted assembly's sessions). */
  forgetAll(prefix: string): void {
    for (const key of this.buckets.keys()) if (key.startsWith(prefix)) this.buckets.delete(key);
  }

  /** Forgets buckets that have refilled: they would start full anyway. */
  private sweep(now: number): void {
    const full = (this.capacity * 60_000) / this.perMinute;
    for (const [key, b] of this.buckets) if (now - b.at > full) this.buckets.delete(key);
  }
}
