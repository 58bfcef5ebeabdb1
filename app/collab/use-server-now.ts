import { useEffect, useState } from 'react';
import { measureOffset } from './server-clock';

let sharedOffset: Promise<number> | null = null;

/**
 * The server's time, ticking every `everyMs`. The offset is measured once per page load; until it
 * is known (and during server rendering) the local clock stands in.
 */
export function useServerNow(everyMs = 250): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    let offset = 0;
    sharedOffset ??= measureOffset().catch(() => 0);
    void sharedOffset.then((o) => (offset = o));
    const tick = () => setNow(Date.now() + offset);
    tick();
    const timer = setInterval(tick, everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
