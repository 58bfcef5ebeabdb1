/**
 * The assembly's own facts in the plenary document: `meta` map. Pure Yjs, no I/O.
 */
import * as Y from 'yjs';
import { isoDateTime, optionalText, strings, text } from './shape.js';
import { usableTimeZone } from './time-zone.js';

export interface AssemblyMeta {
  title: string;
  /** ISO 8601 local date-time as the facilitator typed it (the hall's own clock), or null. */
  startsAt: string | null;
  place: string | null;
  /** Language codes of the room (BCP 47: en, es, so, hmn, om, ...). */
  languages: string[];
  /**
   * The IANA time zone every time is shown in (`America/Chicago`), `startsAt` included; null for
   * an assembly made before there was one, or by a script that gave none: the server's zone.
   */
  timeZone: string | null;
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
  return {
    title: text(map.get('title'), 1000),
    // Shown as a date in the reader's language: anything but a real date-time reads as none.
    startsAt: isoDateTime(map.get('startsAt')),
    place: optionalText(map.get('place'), 1000),
    // Language codes: a few, each short (a code is looked up in the catalogue for its name).
    languages: strings(map.get('languages'), 50, 35),
    // Any zone this engine knows (another engine's list may differ); else the server's.
    timeZone: usableTimeZone(map.get('timeZone')),
  };
}

/** The first state of a new assembly's plenary document, as one update. */
export function initialPlenaryUpdate(meta: AssemblyMeta): Uint8Array {
  const doc = new Y.Doc();
  setMeta(doc, meta);
  return Y.encodeStateAsUpdate(doc);
}
