/** Document names, as docs/SPEC.md [D1] lists them. */
import { MAX_TRANSLATIONS_BYTES } from '../../app/model/translations.js';
import { ID_PATTERN } from '../../app/model/ids.js';
import type { DocName } from '../../app/access/rules.js';

export { parseDocName, type DocName } from '../../app/access/rules.js';
export { ID_PATTERN };

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
  translations: MAX_TRANSLATIONS_BYTES,
};
