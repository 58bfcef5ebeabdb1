/**
 * What the readers of a plenary document skip, named, so the server can say so in its log (the
 * model itself stays pure: it returns clean values and never logs).
 */
import type * as Y from 'yjs';
import { itemsMap } from './agenda.js';
import { roundsMap } from './breakouts.js';
import { isId } from './ids.js';
import { proposalsMap } from './proposal-shape.js';
import { asMap } from './shape.js';
import { entriesMap } from './stack.js';
import { timersMap } from './timers.js';

/** At most this many paths are named; the count says how many there are in all. */
const NAMED = 10;

/**
 * Entries of a plenary document that no page will show: not a map where a map belongs, or an
 * agenda item or round whose id could not name a document. `paths` names the first few
 * (`agendaItems/x`), `count` all of them.
 */
export function skippedInPlenary(doc: Y.Doc): { count: number; paths: string[] } {
  const paths: string[] = [];
  let count = 0;
  const check = (name: string, map: Y.Map<unknown>, needsId: boolean) => {
    for (const [key, value] of map.entries()) {
      if (asMap(value) && (!needsId || isId(key))) continue;
      count++;
      if (paths.length < NAMED) paths.push(`${name}/${key.slice(0, 64)}`);
    }
  };
  check('agendaItems', itemsMap(doc), true);
  check('breakoutRounds', roundsMap(doc), true);
  check('stackEntries', entriesMap(doc), false);
  check('proposals', proposalsMap(doc), false);
  check('timers', timersMap(doc), false);
  return { count, paths };
}
