/**
 * Offline support for the pages where notes are written: edits kept in IndexedDB (y-indexeddb),
 * and the page itself kept by a service worker so it reloads without a connection.
 */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * Keeps the document in IndexedDB on this device. True when everything in the document is written
 * there: after each change it waits for a read of the same store, which IndexedDB runs only after
 * the write y-indexeddb queued for that change, so "saved on this phone" is never said early.
 */
/** Where the device copy is: not kept (yet), writing the latest change, or holding everything. */
export type DeviceCopy = 'none' | 'writing' | 'kept';

export function useDeviceCopy(docName: string, doc: Y.Doc, enabled: boolean, denied: boolean): DeviceCopy {
  const [state, setState] = useState<DeviceCopy>('none');
  useEffect(() => {
    if (!enabled || typeof indexedDB === 'undefined') return;
    let persistence: { db: IDBDatabase | null; destroy(): Promise<void>; clearData(): Promise<void>; whenSynced: Promise<unknown> } | null = null;
    let cancelled = false;
    let latest = 0;
    const confirm = () => {
      const mine = ++latest;
      const db = persistence?.db;
      if (!db) return;
      setState('writing');
      const tx = db.transaction('updates', 'readonly');
      tx.oncomplete = () => !cancelled && mine === latest && setState('kept');
    };
    if (denied) {
      // The link was revoked or the assembly deleted: forget the notes kept on this phone.
      void import('y-indexeddb').then(({ clearDocument }) => clearDocument(`plenary:${docName}`));
      return;
    }
    void import('y-indexeddb').then(({ IndexeddbPersistence }) => {
      if (cancelled) return;
      persistence = new IndexeddbPersistence(`plenary:${docName}`, doc);
      void persistence.whenSynced.then(() => {
        if (cancelled) return;
        // Registered after y-indexeddb's own listener, so its write is queued first.
        doc.on('update', confirm);
        confirm();
      });
    });
    return () => {
      cancelled = true;
      doc.off('update', confirm);
      void persistence?.destroy();
    };
  }, [docName, doc, enabled, denied]);
  return state;
}

/** Registers the service worker and has it keep this page and its assets; true once it has. */
export function useOfflinePage(enabled: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!enabled || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register('/sw.js');
        const registration = await navigator.serviceWorker.ready;
        // Everything fetched so far, chunks loaded on demand (the editor) included; later
        // fetches go through the worker, which keeps them too.
        const assets = [...new Set(performance.getEntriesByType('resource').map((e) => e.name))].filter((u) => new URL(u).pathname.startsWith('/assets/'));
        const channel = new MessageChannel();
        const answered = new Promise<{ ok: boolean }>((resolve) => (channel.port1.onmessage = (e) => resolve(e.data)));
        registration.active?.postMessage({ type: 'keep-offline', page: location.href, assets }, [channel.port2]);
        if ((await answered).ok && !cancelled) setReady(true);
      } catch {
        /* no service worker (private mode, old browser): edits are still kept in IndexedDB */
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [enabled]);
  return ready;
}
