/** Document names, as docs/SPEC.md [D1] lists them. */
import { LANGUAGE_TAG } from '../../app/model/translations.js';

export type DocName =
  | { kind: 'plenary'; assemblyId: string; name: string }
  | { kind: 'notes'; assemblyId: string; itemId: string; name: string }
  | { kind: 'breakout'; assemblyId: string; groupId: string; name: string }
  /** One language's translations of what the room typed, written by the server alone (ADR 025). */
  | { kind: 'translations'; assemblyId: string; language: string; name: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const PLENARY = new RegExp(`^(${ID})/plenary$`);
const NOTES = new RegExp(`^(${ID})/notes/(${ID})$`);
const BREAKOUT = new RegExp(`^(${ID})/breakout/(${ID})$`);
const TRANSLATIONS = new RegExp(`^(${ID})/translations/(${LANGUAGE_TAG.source.slice(1, -1)})$`);

export const ID_PATTERN = new RegExp(`^${ID}$`);

/** Parses a document name; null for anything that is not one of the three shapes. */
export function parseDocName(name: string): DocName | null {
  let m = PLENARY.exec(name);
  if (m) return { kind: 'plenary', assemblyId: m[1], name };
  m = NOTES.exec(name);
  if (m) return { kind: 'notes', assemblyId: m[1], itemId: m[2], name };
  m = BREAKOUT.exec(name);
  if (m) return { kind: 'breakout', assemblyId: m[1], groupId: m[2], name };
  m = TRANSLATIONS.exec(name);
  if (m) return { kind: 'translations', assemblyId: m[1], language: m[2], name };
  return null;
}

/** Largest frame a client may send for each kind of document, in bytes ([B2]). */
export const MAX_FRAME_BYTES: Record<DocName['kind'], number> = {
  plenary: 1024 * 1024,
  notes: 1024 * 1024,
  breakout: 1024 * 1024,
  translations: 64 * 1024,
};

/**
 * Largest a document may grow through its writers, in encoded bytes ([B8]). A Y.Doc in memory is
 * 25–45× its encoding, so these bound what one writer can make the server hold: an agenda, a
 * stack and proposals of a long assembly are a few hundred KB; a table's notes a few tens.
 */
export const MAX_DOC_BYTES: Record<DocName['kind'], number> = {
  plenary: 2 * 1024 * 1024,
  notes: 1024 * 1024,
  breakout: 1024 * 1024,
  translations: 2 * 1024 * 1024,
};
