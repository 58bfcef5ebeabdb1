import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

/** `denied`: the server closed for good (link revoked, assembly deleted); the client stops retrying. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'denied';

export interface LiveDoc {
  doc: Y.Doc;
  status: ConnectionStatus;
  provider: WebsocketProvider | null;
}

function fromBase64(state: string): Uint8Array {
  const binary = atob(state);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Opens one live Yjs document for this page. The server-rendered state (base64, from the loader)
 * is applied first, so the first render in the browser matches the server's and needs no socket.
 * Credentials travel in the session cookie (same origin). Readers send no presence ([S4]).
 */
export function useDoc(docName: string, initialState: string, { presence = false }: { presence?: boolean } = {}): LiveDoc {
  const doc = useMemo(() => {
    const d = new Y.Doc();
    if (initialState) Y.applyUpdate(d, fromBase64(initialState));
    return d;
    // A new document only when the name changes; later state arrives over the socket.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docName]);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);

  useEffect(() => {
    let cancelled = false;
    let live: WebsocketProvider | null = null;
    let everConnected = false;
    let denied = false;
    const update = () => {
      if (!live) return;
      if (denied) setStatus('denied');
      else if (typeof navigator !== 'undefined' && !navigator.onLine) setStatus('offline');
      else if (live.wsconnected && live.synced) setStatus('connected');
      else setStatus(everConnected ? 'reconnecting' : 'connecting');
    };
    // Loaded on demand so the socket code never weighs on the first paint.
    void import('y-websocket').then(({ WebsocketProvider }) => {
      if (cancelled) return;
      const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
      // No BroadcastChannel between tabs: a tab would relay another tab's edits and presence to the
      // server under its own connection, which the server refuses (ADR 015, [F5], [F7]).
      live = new WebsocketProvider(`${protocol}//${location.host}/sync`, docName, doc, { disableBc: true });
      if (!presence) live.awareness.setLocalState(null);
      live.on('status', update);
      live.on('sync', (synced: boolean) => {
        if (synced) everConnected = true;
        update();
      });
      live.on('connection-close', update);
      live.on('closed', () => {
        denied = true;
        update();
      });
      setProvider(live);
      update();
    });
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      cancelled = true;
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
      live?.destroy();
    };
  }, [doc, docName, presence]);

  useEffect(() => () => doc.destroy(), [doc]);
  return { doc, status, provider };
}
