import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

type Listen<S> = (source: S, onChange: () => void) => () => void;

/**
 * A value read from a Yjs source, re-read when the source says it changed. `read` runs at most
 * once per change (its result is cached by version), so it may build fresh objects. The same
 * snapshot serves server rendering. `listen` must be a stable (module-level) function.
 */
function useRead<S, T>(source: S, listen: Listen<S>, read: (source: S) => T): T {
  const version = useRef(0);
  const cache = useRef<{ source: S; version: number; value: T } | null>(null);
  const readRef = useRef(read);
  readRef.current = read;

  const subscribe = useCallback(
    (onChange: () => void) => {
      const stop = listen(source, () => {
        version.current++;
        onChange();
      });
      // A change between render and subscription must not be missed: React reads the snapshot
      // again right after subscribing, and this makes it a fresh one.
      version.current++;
      return stop;
    },
    [source, listen],
  );

  const snapshot = () => {
    const c = cache.current;
    if (!c || c.source !== source || c.version !== version.current) cache.current = { source, version: version.current, value: readRef.current(source) };
    return cache.current!.value;
  };

  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

const deep: Listen<Y.AbstractType<unknown>> = (type, onChange) => {
  type.observeDeep(onChange);
  return () => type.unobserveDeep(onChange);
};

const anyUpdate: Listen<Y.Doc> = (doc, onChange) => {
  doc.on('update', onChange);
  return () => doc.off('update', onChange);
};

/** Reads a value derived from a Yjs type and re-renders when anything under it changes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Y.Map<V> and Y.Array<V> are only assignable to AbstractType<any> (Yjs's own event type is invariant)
export function useY<T, Type extends Y.AbstractType<any>>(type: Type, read: (type: Type) => T): T {
  return useRead(type, deep as Listen<Type>, read);
}

/**
 * For values read from several parts of a document at once (the stack depends on the entries,
 * its settings and the current agenda item): re-reads after any change to the document.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  return useRead(doc, anyUpdate, read);
}
