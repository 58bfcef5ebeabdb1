/** Random ids for things made inside documents (agenda items): 12 characters of [A-Za-z0-9_-]. */
export function newId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_');
}

/** What an id in a document name or a URL is ([D1]): 1–64 of A–Z a–z 0–9 _ -. The one copy. */
export const ID_SOURCE = '[A-Za-z0-9_-]{1,64}';
export const ID_PATTERN = new RegExp(`^${ID_SOURCE}$`);

/**
 * Whether `id` can name a document part ([D1]: 1–64 of A–Z a–z 0–9 _ -), with room for a table
 * suffix (`-t100`): anything else in a document was not written by Plenary and is skipped.
 */
export const isId = (id: string) => /^[A-Za-z0-9_-]{1,59}$/.test(id);
