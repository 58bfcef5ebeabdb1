/**
 * Where a form may send the browser back to: a path on this site, never another ([W1]).
 * Browsers read `/\evil.org` and `/<tab>/evil.org` as `//evil.org` (another host), so only a
 * single leading `/` followed by something other than `/` or `\`, with no control characters,
 * is followed; anything else goes to `/`. The result is ASCII (a header value cannot hold more).
 * The check is made again on the path URL normalised: dot segments can resolve into a leading
 * `//` (`/.//evil.org`, `/x/..//evil.org`, `/%2e%2e//evil.org`).
 */
export function sameSitePath(back: unknown): string {
  if (typeof back !== 'string' || back.length > 2048) return '/';
  if (!back.startsWith('/') || back[1] === '/' || back[1] === '\\') return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F-\u009F\\]/.test(back)) return '/';
  const base = 'http://plenary.invalid';
  let url: URL;
  try {
    url = new URL(back, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  // Serialised by URL: non-ASCII is percent-encoded.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path[1] === '/' || path[1] === '\\' ? '/' : path;
}
