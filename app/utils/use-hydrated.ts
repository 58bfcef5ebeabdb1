import { useEffect, useState } from 'react';

/**
 * False in the server's HTML and the first browser render, true once JavaScript runs: what only
 * works with JavaScript ("Live", "Loading the editor…") is shown only then, so a browser without
 * it is never told something that will not happen ([N5]).
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
