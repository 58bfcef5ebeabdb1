/**
 * The assembly's time zone ([L33]–[L35]): an IANA name (`America/Chicago`) kept in the meta, in
 * which every time the room sees is shown. Pure: no React, no I/O.
 */

/** Longer than any IANA name (the longest is 30): a bound on what a writer may store. */
export const MAX_TIME_ZONE = 64;

let host: string | null = null;

/**
 * The zone of the machine this runs on (the server's, on the server); UTC if it cannot say. Asked
 * once: making a DateTimeFormat costs ~0.35 ms, and the root loader asks on every page (issue 17).
 */
export function hostTimeZone(): string {
  if (host === null) {
    try {
      host = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      host = 'UTC';
    }
  }
  return host;
}

let listed: string[] | null = null;

/**
 * Every zone a facilitator may choose: `Intl.supportedValuesOf('timeZone')` plus UTC (which that
 * list leaves out, though many servers run in it), sorted.
 */
export function timeZones(): string[] {
  if (!listed) {
    let names: string[] = [];
    try {
      names = Intl.supportedValuesOf('timeZone');
    } catch {
      // An engine without the list: UTC and the host's own zone still work.
    }
    listed = [...new Set([...names, 'UTC', hostTimeZone()])].sort();
  }
  return listed;
}

/** A zone a writer may store: one of `timeZones()`. */
export function isListedTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TIME_ZONE && timeZones().includes(value);
}

/**
 * A zone a reader can use: any name this engine's Intl accepts (a zone another engine listed may
 * be unknown here; then the reader falls back, never a RangeError in a render).
 */
export function usableTimeZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TIME_ZONE) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return null;
  }
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
export function zoneOffsetMs(instant: number, zone: string): number {
  let f = offsetFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(zone, f);
  }
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value);
  const parts = f.formatToParts(new Date(instant));
  const wall = Date.UTC(
    part(parts, 'year'),
    part(parts, 'month') - 1,
    part(parts, 'day'),
    part(parts, 'hour') % 24,
    part(parts, 'minute'),
    part(parts, 'second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time (`2026-05-01T18:00`, as the facilitator typed it) names in a zone;
 * NaN for anything else. As Temporal's "compatible" reading: in an overlap (autumn) the earlier
 * instant, in a gap (spring) the time moved forward by the gap (02:30 → 03:30).
 */
export function wallToInstant(wall: string, zone: string): number {
  const asUtc = new Date(`${wall}Z`).getTime();
  if (!Number.isFinite(asUtc)) return NaN;
  // The zone's offsets a day either side: every change of offset lies between them.
  const before = zoneOffsetMs(asUtc - 86_400_000, zone);
  const after = zoneOffsetMs(asUtc + 86_400_000, zone);
  const fits = [asUtc - before, asUtc - after].filter((t) => t + zoneOffsetMs(t, zone) === asUtc);
  return fits.length > 0 ? Math.min(...fits) : asUtc - before;
}
