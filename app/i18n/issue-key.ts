/** A catalogue key: dotted words, no spaces (zod's own English messages never look like one). */
const KEY = /^[A-Za-z][\w-]*(\.[\w-]+)+$/;

/**
 * The catalogue key a zod issue names, or `fallback` when the issue carries zod's own English
 * (an unexpected shape: a file where text was expected, a value no list has). What a form shows
 * is always a key the page translates, never zod's English ([L30]).
 */
export function issueKey(issue: { message: string }, fallback: string): string {
  return KEY.test(issue.message) ? issue.message : fallback;
}
