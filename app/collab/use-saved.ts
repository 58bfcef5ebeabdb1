import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import type { ConnectionStatus } from './use-doc';

import type { DeviceCopy } from './offline';

/**
 * Where this phone's edits are: all on the server; all kept on this phone only; being written to
 * this phone; not yet anywhere; or not known yet (connected, waiting for the server's answer).
 */
export type SavedState = 'checking' | 'server' | 'phone' | 'saving' | 'unsaved';

/** Everything in `local` is in `server`: every client's clock is covered. */
export function covers(server: Record<string, number>, local: Map<number, number>): boolean {
  for (const [client, clock] of local) if ((server[String(client)] ?? 0) < clock) return false;
  return true;
}

/**
 * Says honestly where a note-taker's edits are. Every edit is written to IndexedDB at once
 * (y-indexeddb), including edits made offline before a reload; whether the server has stored them
 * is asked, not assumed: the server answers with its stored state vector, which must cover ours.
 */
export function useSaved(doc: Y.Doc, status: ConnectionStatus, savedUrl: string | null, device: DeviceCopy): SavedState {
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);

  useEffect(() => {
    const onUpdate = () => setVersion((v) => v + 1);
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
  }, [doc]);

  useEffect(() => {
    if (!savedUrl || status !== 'connected' || saved === version) return;
    let cancelled = false;
    // Ask shortly after the edits went out (the server batches writes), and again while behind.
    const asked = version;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(savedUrl, { cache: 'no-store' });
        if (cancelled) return;
        if (!res.ok) {
          // The server could not say (busy, or cannot save right now): ask again a bit later.
          setTimeout(() => !cancelled && setVersion((v) => v + 1), 2000);
          return;
        }
        const { stateVector } = (await res.json()) as { stateVector: Record<string, number> };
        if (cancelled) return;
        if (covers(stateVector, Y.decodeStateVector(Y.encodeStateVector(doc)))) setSaved(asked);
        else setTimeout(() => !cancelled && setVersion((v) => v + 1), 600);
      } catch {
        /* offline again: the status change brings us back */
      }
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [doc, status, version, saved, savedUrl]);

  return savedState(saved, version, status, device);
}

/**
 * The state to show: `saved` is the edit count the server last confirmed, `version` the latest.
 * While connected, an edit the server has not confirmed yet is on its way ('saving'), never
 * "saved on this phone only": that is for when the connection is down (issue 12, defect 8).
 */
export function savedState(saved: number | null, version: number, status: ConnectionStatus, device: DeviceCopy): SavedState {
  if (saved === version) return 'server';
  if (status === 'connected') return saved === null ? 'checking' : 'saving';
  return device === 'kept' ? 'phone' : device === 'writing' ? 'saving' : 'unsaved';
}
