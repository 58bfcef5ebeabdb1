/**
 * Reading a document defensively. A document holds whatever its writers put in it: old data, a
 * bug, or a forged update from before the server checked writes. Every reader in app/model goes
 * through these helpers, so an entry of the wrong shape is skipped and a field of the wrong type
 * or size reads as its default: a page always renders, and no number in a document can size a
 * loop or an allocation beyond the bounds the model sets. Pure: no I/O, nothing logged (the
 * server logs what `skippedInPlenary` in audit.ts finds).
 */
import * as Y from 'yjs';

/** Longest string a reader hands on; anything the UI writes is far shorter. */
export const MAX_STRING = 10_000;

/** `value` if it is a Y.Map, else null. */
export function asMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map ? value : null;
}

/** The Y.Map at `key` of `parent`, or null when it is missing or anything else. */
export function mapAt(parent: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
  return asMap(parent.get(key));
}

/** Reads every entry of `parent` that is a Y.Map with `read`; any other entry, or one `read` throws on, is skipped. */
export function readEach<T>(parent: Y.Map<unknown>, read: (id: string, map: Y.Map<unknown>) => T): T[] {
  const out: T[] = [];
  for (const [id, value] of parent.entries()) {
    if (!(value instanceof Y.Map)) continue;
    try {
      out.push(read(id, value));
    } catch {
      // A shape no reader foresaw: skipped like any other bad entry.
    }
  }
  return out;
}

/** A string, cut to `max` characters; '' for anything else. */
export function text(value: unknown, max = MAX_STRING): string {
  if (typeof value !== 'string') return '';
  return value.length > max ? value.slice(0, max) : value;
}

/** A string (cut to `max`) or null for anything else. */
export function optionalText(value: unknown, max = MAX_STRING): string | null {
  return typeof value === 'string' ? text(value, max) : null;
}

/** A finite number, or null (NaN, ±Infinity, strings and the rest). */
export function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Latest instant (ms) a reader accepts: the year 2286. Beyond it, adding days or formatting it as
 * a date (`Intl.DateTimeFormat` throws a RangeError on an invalid Date) could fail a render.
 */
export const MAX_INSTANT = 1e13;

/** A server-time instant in ms: finite and from 1970 to MAX_INSTANT, else null. */
export function instant(value: unknown): number | null {
  return within(value, 0, MAX_INSTANT);
}

/** `YYYY-MM-DD` that is a real day, else ''. */
export function isoDate(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && validDate(`${value}T00:00Z`) ? value : '';
}

/** `YYYY-MM-DDTHH:MM` (optionally with seconds) that is a real moment, else null. */
export function isoDateTime(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) && validDate(`${value}Z`) ? value : null;
}

function validDate(iso: string): boolean {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === iso.slice(0, 10);
}

/** A finite number within [min, max], or null. */
export function within(value: unknown, min: number, max: number): number | null {
  const n = finite(value);
  return n !== null && n >= min && n <= max ? n : null;
}

/** A whole number within [min, max], or null. */
export function wholeWithin(value: unknown, min: number, max: number): number | null {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : null;
}

/**
 * The strings of a plain array (a JSON value in the document), at most `limit` of them, each cut
 * to `max`; [] for anything that is not an array.
 */
export function strings(value: unknown, limit: number, max = MAX_STRING): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (let i = 0; i < value.length && out.length < limit; i++) if (typeof value[i] === 'string') out.push(text(value[i], max));
  return out;
}

/** A plain (JSON) object's fields, or {} for anything else (arrays, Y types, primitives). */
export function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array)
    ? (value as Record<string, unknown>)
    : {};
}
