import * as Y from 'yjs';

/**
 * Folds a document's stored parts (a snapshot and logged updates, in any order) into one
 * update: applied to a fresh Y.Doc in one transaction and encoded again. Linear in the number of
 * parts (Y.mergeUpdates is quadratic in it, see server/sync/merge.ts), and the Y.Doc's garbage
 * collection drops the content of deleted text, so a deletion typed by a note-taker leaves the
 * snapshot too. Updates whose dependencies are missing stay pending and are encoded with the rest.
 */
export function foldUpdates(parts: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
