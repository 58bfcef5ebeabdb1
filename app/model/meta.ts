/**
 * The assembly's own facts in the plenary document: `meta` map. Pure Yjs, no I/O.
 */
import * as Y from 'yjs';

export interface AssemblyMeta {
  title: string;
  /** ISO 8601 local date-time as the facilitator typed it (the hall's own clock), or null. */
  startsAt: string | null;
  place: string | null;
  /** Language codes of the room (BCP 47: en, es, so, hmn, om, ...). */
  languages: string[];
}

export const META = 'meta';

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META);
}

/** Sets every field of the meta in one transaction (one undoable change). */
export function setMeta(doc: Y.Doc, meta: Partial<AssemblyMeta>): void {
  const map = metaMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(meta)) {
      if (value === undefined) continue;
      map.set(key, key === 'languages' ? [...(value as string[])] : value);
    }
  });
}

export function readMeta(doc: Y.Doc): AssemblyMeta {
  const map = metaMap(doc);
  const languages = map.get('languages');
  return {
    title: typeof map.get('title') === 'string' ? (map.get('title') as string) : '',
    startsAt: typeof map.get('startsAt') === 'string' ? (map.get('startsAt') as string) : null,
    place: typeof map.get('place') === 'string' ? (map.get('place') as string) : null,
    languages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string') : [],
  };
}

/** The first state of a new assembly's plenary document, as one update. */
export function initialPlenaryUpdate(meta: AssemblyMeta): Uint8Array {
  const doc = new Y.Doc();
  setMeta(doc, meta);
  return Y.encodeStateAsUpdate(doc);
}
