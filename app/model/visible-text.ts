/**
 * One check for every title and name people type: it must show something. Whitespace and the
 * invisible format characters (zero-width space and joiners, word joiner, BOM, soft hyphen,
 * bidi marks...) do not count, so "\u200B" is as empty as "" ([W14]).
 */

// \p{Cf}: format characters (U+200B–U+200F, U+2060–U+2064, U+FEFF, U+00AD, bidi controls, ...);
// \p{White_Space} and the Hangul and Braille blanks that render as nothing.
// The class lists lone combining and filler characters on purpose: each is invisible by itself.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\p{Cf}\p{White_Space}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800\u034F\u180E]/gu;

/** True when `text` has at least one character that shows. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}
