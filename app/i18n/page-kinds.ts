/**
 * The kinds of page, told apart by their address (ADR 031): each is sent only the catalogue keys
 * it can show (page-keys.json, made from the source by `npm run i18n:pages`). Shared by the root
 * loader, which cuts the catalogue, and the browser, which asks for a page's words again only
 * when a navigation reaches another kind of page.
 */
import { routedPath } from '../utils/routed-path';

const KINDS = [
  ['create', /^\/$/],
  ['attendee', /^\/a\/[^/]+\/?$/],
  ['breakout', /^\/a\/[^/]+\/breakout\/[^/]+\/?$/],
  ['code', /^\/a\/[^/]+\/code\/?$/],
  ['codes', /^\/a\/[^/]+\/codes\/?$/],
  ['console', /^\/a\/[^/]+\/facilitate\/?$/],
  ['interpret', /^\/a\/[^/]+\/interpret\/?$/],
  ['interpretMinutes', /^\/a\/[^/]+\/interpret\/minutes\/?$/],
  ['minutes', /^\/a\/[^/]+\/minutes\/?$/],
  ['minutesEdit', /^\/a\/[^/]+\/minutes\/edit\/?$/],
  ['notes', /^\/a\/[^/]+\/notes\/?$/],
  ['screen', /^\/a\/[^/]+\/screen\/?$/],
  ['stack', /^\/a\/[^/]+\/stack\/?$/],
  ['join', /^\/j(\/[^/]+)?\/?$/],
  ['deadLink', /^\/join\/[^/]+\/?$/],
] as const;

/** A kind of page; "other" is any address no page answers (an error page: the base words only). */
export type PageKind = (typeof KINDS)[number][0] | 'other';

/** The kind of page at `pathname`. */
export function pageKind(pathname: string): PageKind {
  // As the router reads it: `/J/<code>` is the join page too.
  const path = routedPath(pathname);
  for (const [kind, pattern] of KINDS) if (pattern.test(path)) return kind;
  return 'other';
}
