import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * Reads a value derived from a Yjs type and re-renders when anything under it changes.
 * `read` runs at most once per change (its result is cached by version), so it may build
 * fresh objects. The same snapshot serves server rendering.
 */
export function useY<T, Type extends Y.AbstractType<any>>(type: Type, read: (type: Type) => T): T {
  const version = useRef(0);
  const cache = useRef<{ type: Type; version: number; value: T } | null>(null);
  const readRef = useRef(read);
  readRef.current = read;

  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        version.current++;
        onChange();
      };
      type.observeDeep(handler);
      // A change between render and subscription must not be missed: React reads the snapshot
      // again right after subscribing, and this makes it a fresh one.
      version.current++;
      return () => type.unobserveDeep(handler);
    },
    [type],
  );

  const snapshot = () => {
    const c = cache.current;
    if (!c || c.type !== type || c.version !== version.current) {
      cache.current = { type, version: version.current, value: readRef.current(type) };
    }
    return cache.current!.value;
  };

  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * Like `useY`, for values read from several parts of a document at once (the stack depends on
 * the entries, its settings and the current agenda item): re-reads after any change to the doc.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const version = useRef(0);
  const cache = useRef<{ doc: Y.Doc; version: number; value: T } | null>(null);
  const readRef = useRef(read);
  readRef.current = read;

  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        version.current++;
        onChange();
      };
      doc.on('update', handler);
      version.current++;
      return () => doc.off('update', handler);
    },
    [doc],
  );

  const snapshot = () => {
    const c = cache.current;
    if (!c || c.doc !== doc || c.version !== version.current) cache.current = { doc, version: version.current, value: readRef.current(doc) };
    return cache.current!.value;
  };

  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
