/**
 * The projector's languages ([L50]): one or two language codes a facilitator chooses for the
 * wall's labels ("Now speaking", "Join on your phone"...), kept in the plenary document's `meta`
 * map beside the assembly's own languages. Unset, the projector speaks its page's language.
 * Pure Yjs, no I/O.
 */
import type * as Y from 'yjs';
import { metaMap } from './meta.js';
import { LANGUAGE_TAG } from './translations.js';

/** The `meta` field that holds them. */
export const SCREEN_LANGUAGES = 'screenLanguages';

/** Two at most: a third would not fit a line read from the back of the hall. */
export const MAX_SCREEN_LANGUAGES = 2;

/** A language code (`so`, `hmn`, `pt-BR`): the same shape as an interpreter's language. */
export const LANGUAGE_CODE = LANGUAGE_TAG;

/**
 * The chosen codes, in order (the first leads): at most two, distinct, each a code's shape;
 * anything else a writer could have put there reads as none chosen ([]).
 */
export function readScreenLanguages(doc: Y.Doc): string[] {
  const value = metaMap(doc).get(SCREEN_LANGUAGES);
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  // Junk is skipped; a forged list of a million entries is not walked.
  for (let i = 0; i < value.length && i < 20 && out.length < MAX_SCREEN_LANGUAGES; i++) {
    const code: unknown = value[i];
    if (typeof code === 'string' && code.length <= 35 && LANGUAGE_CODE.test(code) && !out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * Sets the projector's languages (one or two distinct codes, the first leading), or clears the
 * choice with `[]` so each projector speaks its own page's language again. Throws on anything
 * else: the console offers only the assembly's languages.
 */
export function setScreenLanguages(doc: Y.Doc, codes: readonly string[]): void {
  if (codes.length > MAX_SCREEN_LANGUAGES || new Set(codes).size !== codes.length || !codes.every((c) => LANGUAGE_CODE.test(c))) {
    throw new RangeError('one or two distinct language codes');
  }
  const map = metaMap(doc);
  doc.transact(() => {
    if (codes.length === 0) map.delete(SCREEN_LANGUAGES);
    else map.set(SCREEN_LANGUAGES, [...codes]);
  });
}
