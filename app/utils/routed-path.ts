/**
 * An address as the router matches it: decoded, in lower case, repeated slashes as one. React
 * Router opens `/J/<code>`, `/%6A/<code>` and `//j/<code>` as `/j/<code>`; whatever decides by
 * address beside the router (the join-code limit, [N21]; which words a page gets, [PF21]) reads
 * it this way too.
 */
export function routedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: the router refuses the address itself.
  }
  return decoded.replace(/\/{2,}/g, '/').toLowerCase();
}
