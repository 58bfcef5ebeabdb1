import { useEffect, useState } from 'react';
import * as Y from 'yjs';

/**
 * Undo for one person's own changes: only transactions made with `origin` are taken back, never a
 * change that came from someone else. `scope` picks the shared types it covers.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Y.Map<V> is only assignable to AbstractType<any> (its event type is invariant)
export function useUndo(doc: Y.Doc, scope: (doc: Y.Doc) => Y.AbstractType<any>[], origin: unknown): { undo: () => void; canUndo: boolean } {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  useEffect(() => {
    const m = new Y.UndoManager(scope(doc), { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    const changed = () => setCanUndo(m.undoStack.length > 0);
    m.on('stack-item-added', changed);
    m.on('stack-item-popped', changed);
    setManager(m);
    return () => m.destroy();
    // The scope is fixed per document.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, origin]);
  return { undo: () => manager?.undo(), canUndo };
}
