import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { fetchServerTime, measureOffset } from './server-clock';

let sharedOffset: Promise<number> | null = null;
let knownOffset = 0;

/** Measures once per page load; if every sample was lost (wifi down), the next call tries again. */
function measureOnce(): Promise<number> {
  if (sharedOffset) return sharedOffset;
  let answered = 0;
  const counted = () => fetchServerTime().then((t) => (answered++, t));
  sharedOffset = measureOffset(counted).then((o) => {
    if (answered === 0) sharedOffset = null;
    else knownOffset = o;
    return knownOffset;
  });
  return sharedOffset;
}

/**
 * The server's time now, as this screen best knows it: for stamping a facilitator's action
 * (start a timer, move to the next item). Before the offset is measured the local clock stands in.
 */
export function serverNow(): number {
  void measureOnce();
  return Date.now() + knownOffset;
}

/**
 * The server's time, ticking every `everyMs`. The offset is measured once per page load; until it
 * is known (and during server rendering) the local clock stands in.
 */
export function useServerNow(everyMs = 250): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    void measureOnce();
    const tick = () => setNow(Date.now() + knownOffset);
    tick();
    const timer = setInterval(tick, everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Like `useServerNow`, but before the clock is running (server render, first paint, no
 * JavaScript) it answers the time the page was made, so a countdown shows where it stood.
 */
export function useDisplayNow(everyMs = 250): number | null {
  const now = useServerNow(everyMs);
  const renderedAt = useRouteLoaderData<{ now?: number }>('root')?.now ?? null;
  return now ?? renderedAt;
}
