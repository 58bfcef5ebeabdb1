/**
 * Field-level write rights: what each role may change inside a document it may write
 * (docs/SPEC.md [F1]–[F6], ADR 015). `accessTo` says whether a link may write a document at all;
 * this says which parts of it, and what shape and size a written part must have.
 *
 * The sync server applies an incoming update to a scratch copy of the document first, lists the
 * entries it touched (a top-level map key, or an entry of a top-level map), and asks `checkWrite`
 * with the entry as it was (`before`) and as it would be (`after`). Only an allowed, well-formed
 * change reaches the live document, storage and the room. Results the server computes (phone vote
 * tallies, the cast count, a vote's open/closed state, report-backs on the stack, who sits at which
 * table) are never writable by a client, facilitators included.
 *
 * Here the check itself; each plenary part's shape and rule are in plenary-fields/, the verdict and
 * its building blocks in write-verdict.ts, where a new shared type may sit in placement.ts.
 */
import type * as Y from 'yjs';
import type { Grant } from './permissions.js';
import type { DocName } from '../sync/doc-name.js';
import { NOTES_FIELD, REPORT_FIELD } from '../../app/model/notes.js';
import { forbidden, invalid, OK, type Touched, type WriteVerdict } from './write-verdict.js';
import { PLENARY } from './plenary-fields/roots.js';

/** Deepest nesting of shared types a writer may create: plenary entries are at most 3 deep. */
export const MAX_TYPE_DEPTH: Record<DocName['kind'], number> = { plenary: 4, notes: 48, breakout: 48, translations: 1 };

/** The top-level types a notes document may have (TipTap's rich text, see app/model/notes.ts). */
const NOTES_ROOTS = new Set([NOTES_FIELD, REPORT_FIELD]);

/** The entry `key` of the top-level map `root` (one of PLENARY_ROOTS) of `doc`. */
function entryOf(doc: Y.Doc, root: string, key: string): unknown {
  return doc.getMap(root).get(key);
}

/**
 * May `grant` make the change that turned `before` into `after`? `touched` lists what changed;
 * `before` is the live document, `after` the scratch copy with the update applied.
 */
export function checkWrite(grant: Grant, doc: DocName, touched: Touched[], before: Y.Doc, after: Y.Doc): WriteVerdict {
  // No link writes translations over the socket: interpreters send commands ([P30], ADR 025).
  if (doc.kind === 'translations') return forbidden('translations are written by the server');
  if (doc.kind !== 'plenary') {
    for (const t of touched) {
      if (!NOTES_ROOTS.has(t.root)) return invalid(`a notes document holds only ${[...NOTES_ROOTS].join(' and ')}`);
      if (t.key !== null) return invalid(`${t.root} is rich text`);
    }
    return OK;
  }
  for (const t of touched) {
    const part = PLENARY[t.root];
    if (!part) return invalid(`the plenary document has no ${t.root.slice(0, 40)}`);
    if (!part.roles.includes(grant.role)) return forbidden(`a ${grant.role} link does not change ${t.root}`);
    if (t.key === null) return invalid(`${t.root} is a map`);
    const verdict = part.rule(t.key, entryOf(before, t.root, t.key), entryOf(after, t.root, t.key), grant.role);
    if (!verdict.ok) return verdict;
  }
  return OK;
}
