/**
 * The server's clock as seen from this screen. Timers are stored as server-time instants, so each
 * screen needs `serverNow()`; it estimates its offset like NTP does: ask `/api/time` a few times,
 * keep the sample with the shortest round trip, and assume the reply was made half-way through it.
 */
export interface ClockSample {
  sentAt: number;
  serverNow: number;
  receivedAt: number;
}

/** Offset (server − local) from the sample with the least round-trip time; 0 with no samples. */
export function offsetFrom(samples: ClockSample[]): number {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  // Whole milliseconds: a half-way point can be fractional, and so would every instant written.
  return best ? Math.round(best.serverNow - (best.sentAt + best.receivedAt) / 2) : 0;
}

export async function measureOffset(fetchTime: () => Promise<number> = fetchServerTime, samples = 5): Promise<number> {
  const taken: ClockSample[] = [];
  for (let i = 0; i < samples; i++) {
    const sentAt = Date.now();
    try {
      const serverNow = await fetchTime();
      taken.push({ sentAt, serverNow, receivedAt: Date.now() });
    } catch {
      /* a lost sample on bad wifi: the others will do */
    }
  }
  return offsetFrom(taken);
}

export async function fetchServerTime(): Promise<number> {
  const res = await fetch('/api/time', { cache: 'no-store' });
  if (!res.ok) throw new Error(`clock: ${res.status}`);
  return ((await res.json()) as { now: number }).now;
}
