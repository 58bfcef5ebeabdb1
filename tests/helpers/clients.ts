process.setMaxListeners(0); // every y-websocket provider adds an exit listener
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves on the first 'sync' (server state received). */
  synced: Promise<void>;
  /** Resolves with the close code when the server ends the session for good (4400–4499). */
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

/** A stock y-websocket client, as a browser would open it (token in the query for scripts). */
export function connect(
  syncUrl: string,
  docName: string,
  token: string | null,
  { presence = false, doc = new Y.Doc() }: { presence?: boolean; doc?: Y.Doc } = {},
): Client {
  const provider = new WebsocketProvider(syncUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token ? { token } : {},
    disableBc: true,
    maxBackoffTime: 300,
  });
  if (!presence) provider.awareness.setLocalState(null);
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once('sync', () => resolve());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.once('closed', (event) => resolve(event));
  });
  return {
    doc,
    provider,
    synced,
    closed,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A bare websocket, for frames no y-websocket client would send. */
export function rawSocket(syncUrl: string, docName: string, token: string | null): Promise<WebSocket> {
  const url = `${syncUrl}/${docName}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function closeCodeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Retries an assertion until it passes or time runs out, instead of sleeping a fixed time. */
export async function eventually<T>(assertion: () => T | Promise<T>, { timeout = 5000, interval = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens clients and remembers them, so a test file can close them all at the end. */
export function clientPool() {
  const clients: Client[] = [];
  return {
    open(...args: Parameters<typeof connect>): Client {
      const c = connect(...args);
      clients.push(c);
      return c;
    },
    destroyAll() {
      for (const c of clients.splice(0)) c.destroy();
    },
  };
}
