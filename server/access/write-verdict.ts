/**
 * A verdict on a write (see field-rights.ts) and the checks every rule is built from: an entry's
 * key is an id, a plain field or a map entry has its shape.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { isId } from '../../app/model/ids.js';

/** One part of a document an update changed: a top-level type and, for maps, the entry's key. */
export interface Touched {
  root: string;
  /** The key in the top-level map; null when the change is not keyed (text, XML, arrays). */
  key: string | null;
}

/**
 * `missing`: the update builds on changes the server does not have yet (a reconnecting client's
 * edit can arrive just before the offline edits it builds on); it cannot be judged until they come.
 */
export type WriteVerdict = { ok: true } | { ok: false; code: 'forbidden' | 'invalid' | 'missing'; reason: string };

export const OK: WriteVerdict = { ok: true };
export const forbidden = (reason: string): WriteVerdict => ({ ok: false, code: 'forbidden', reason });
export const invalid = (reason: string): WriteVerdict => ({ ok: false, code: 'invalid', reason });

/** Null when `key` is an id, else why it is refused. */
export function idKey(key: string): WriteVerdict | null {
  return isId(key) ? null : invalid(`not an id: ${key.slice(0, 40)}`);
}

function issue(what: string, err: z.ZodError): WriteVerdict {
  const first = err.issues[0];
  return invalid(`${what}: ${first.path.join('.')} ${first.message}`.trim());
}

/** A plain field of a top-level map: `shape` says what it may hold (none: no such field). */
export function plainValue(shape: z.ZodTypeAny | null | undefined, key: string, after: unknown): WriteVerdict {
  if (!shape) return invalid(`unknown field ${key.slice(0, 40)}`);
  if (after === undefined) return OK; // a field removed
  if (after instanceof Y.AbstractType) return invalid(`${key} is a plain value`);
  const parsed = shape.safeParse(after);
  return parsed.success ? OK : issue(key, parsed.error);
}

/** An entry that is a map: its contents as JSON have `shape`. */
export function mapEntry(shape: z.ZodTypeAny, what: string, after: unknown): WriteVerdict {
  if (after === undefined) return OK;
  if (!(after instanceof Y.Map)) return invalid(`${what} is a map`);
  const parsed = shape.safeParse(after.toJSON());
  return parsed.success ? OK : issue(what, parsed.error);
}

/** A map entry as JSON; undefined when it is absent (or not a map). */
export const json = (v: unknown): Record<string, unknown> | undefined => (v instanceof Y.Map ? (v.toJSON() as Record<string, unknown>) : undefined);
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
