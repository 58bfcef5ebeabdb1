/**
 * Whether an update builds on changes a document does not have yet ([F5]), decided from the
 * update's bytes and the document's state vector alone: nothing is applied anywhere. An update that
 * would leave Yjs "pending" structs or deletions is held back before it reaches any copy, so a
 * client sending many of them costs a decode each, never a rebuild of the document.
 */
import * as Y from 'yjs';

type Frontier = Map<number, number>;

/** How far each client's structs reach once the update's own contiguous structs are added. */
function frontierWith(structs: Array<Y.Item | Y.GC | Y.Skip>, known: Frontier): { frontier: Frontier; gap: boolean } {
  const frontier = new Map(known);
  const byClient = new Map<number, Array<Y.Item | Y.GC>>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    const list = byClient.get(s.id.client) ?? [];
    list.push(s);
    byClient.set(s.id.client, list);
  }
  let gap = false;
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    let reach = frontier.get(client) ?? 0;
    for (const s of list) {
      if (s.id.clock > reach) {
        gap = true;
        break;
      }
      reach = Math.max(reach, s.id.clock + s.length);
    }
    frontier.set(client, reach);
  }
  return { frontier, gap };
}

const known = (frontier: Frontier, id: Y.ID | null) => id === null || id.clock < (frontier.get(id.client) ?? 0);

/** True when a decoded update refers to structs `stateVector` (client → next clock) and the update lack. */
export function dependsOnMissing({ structs, ds }: ReturnType<typeof Y.decodeUpdate>, stateVector: Frontier): boolean {
  const { frontier, gap } = frontierWith(structs, stateVector);
  if (gap) return true;
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    if (!known(frontier, s.origin) || !known(frontier, s.rightOrigin)) return true;
    if (s.parent instanceof Y.ID && !known(frontier, s.parent)) return true;
  }
  for (const [client, ranges] of ds.clients) {
    const reach = frontier.get(client) ?? 0;
    for (const r of ranges) if (r.clock + r.len > reach) return true;
  }
  return false;
}

/** The document's state vector as a map (client → next clock). */
export const stateVectorOf = (doc: Y.Doc): Frontier => Y.decodeStateVector(Y.encodeStateVector(doc));
