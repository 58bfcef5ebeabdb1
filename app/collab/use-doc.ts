import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { renderedDoc } from './rendered-docs';

/** `denied`: the server closed for good (link revoked, assembly deleted); the client stops retrying. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'denied';

export interface LiveDoc {
  doc: Y.Doc;
  status: ConnectionStatus;
  provider: WebsocketProvider | null;
}

/**
 * The server sends every socket something at least every 10 s (a keepalive when the room is
 * quiet). Silence longer than this means the link is dead even if TCP has not noticed: the page
 * says "reconnecting" and opens a new socket ([N4]), instead of saying "Live" for the 30 s the
 * stock client waits.
 */
const SILENCE_MS = 12_500;
/** A socket still not open after this long (a network that swallows packets) is tried again. */
const CONNECT_TIMEOUT_MS = 8_000;
/** Retries while the server cannot be reached: at most this far apart, so a return is noticed within 2 s. */
const MAX_BACKOFF_MS = 1_500;

/** The browser's WebSocket, noting when it last heard anything. */
function watchedSocket(heard: () => void): typeof WebSocket {
  return class WatchedSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('open', heard);
      this.addEventListener('message', heard);
    }
  };
}

/**
 * Opens one live Yjs document for this page. The server-rendered state (base64, from the loader)
 * is applied first, so the first render in the browser matches the server's and needs no socket.
 * Credentials travel in the session cookie (same origin). Readers send no presence ([S4]).
 */
export function useDoc(
  docName: string,
  initialState: string,
  { presence = false, enabled = true }: { presence?: boolean; /** False: the server's state only, no socket (yet). */ enabled?: boolean } = {},
): LiveDoc {
  const doc = useMemo(
    () => renderedDoc(docName, initialState),
    // A new document only when the name changes; later state arrives over the socket.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docName],
  );
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);

  useEffect(() => {
    if (!enabled) return;
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
    let heardAt = Date.now();
    let connectingSince: number | null = null;
    /** Drops the socket and opens a new one now (the stock client would wait 30 s). */
    const renew = () => {
      if (!live || denied) return;
      live.disconnect();
      live.connect();
    };
    const watchdog = setInterval(() => {
      if (!live || denied) return;
      const now = Date.now();
      if (live.wsconnected && now - heardAt > SILENCE_MS) renew();
      if (live.wsconnecting) {
        connectingSince ??= now;
        if (now - connectingSince > CONNECT_TIMEOUT_MS) {
          connectingSince = null;
          renew();
        }
      } else connectingSince = null;
    }, 1000);
    // The phone says the network is back: try at once, not at the next retry.
    const online = () => {
      if (live && !live.wsconnected) renew();
      update();
    };
    void import('y-websocket').then(({ WebsocketProvider }) => {
      if (cancelled) return;
      const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
      // No BroadcastChannel between tabs: a tab would relay another tab's edits and presence to the
      // server under its own connection, which the server refuses (ADR 015, [F5], [F7]).
      live = new WebsocketProvider(`${protocol}//${location.host}/sync`, docName, doc, {
        disableBc: true,
        maxBackoffTime: MAX_BACKOFF_MS,
        WebSocketPolyfill: watchedSocket(() => (heardAt = Date.now())),
      });
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
    window.addEventListener('online', online);
    window.addEventListener('offline', update);
    return () => {
      cancelled = true;
      clearInterval(watchdog);
      window.removeEventListener('online', online);
      window.removeEventListener('offline', update);
      live?.destroy();
    };
  }, [doc, docName, presence, enabled]);

  useEffect(() => () => doc.destroy(), [doc]);
  return { doc, status, provider };
}
