process.setMaxListeners(0); // every y-websocket provider adds an exit listener
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
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

/** A sync request (step 1) for a document in state `stateVector`, as one frame. */
function syncRequest(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

const isSyncReply = (bytes: Uint8Array) => bytes[0] === 0 && bytes[1] === syncProtocol.messageYjsSyncStep2;

/**
 * A barrier on a client's own socket, for checks that something did NOT happen: resolves once the
 * server has handled every frame this client sent before the call, stored and relayed whatever it
 * took from them, and this client has received everything the server sent it before its answer.
 * (The server handles one socket's frames in order, and answers a sync request only after its
 * pending changes are stored and relayed.) Clients are settled one after another, in the order given.
 * A connection may send a few sync requests a minute ([S12]): a handful of barriers per client.
 */
export async function settled(...clients: Client[]): Promise<void> {
  for (const client of clients) {
    const ws = client.provider.ws as unknown as WebSocket | null;
    if (!ws || ws.readyState !== WebSocket.OPEN) throw new Error('settled() needs a connected client');
    await new Promise<void>((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        if (!isSyncReply(toBytes(data))) return;
        done();
        resolve();
      };
      const onClose = (code: number) => {
        done();
        reject(new Error(`the socket closed (${code}) before the server answered`));
      };
      const done = () => {
        ws.off('message', onMessage);
        ws.off('close', onClose);
      };
      ws.on('message', onMessage);
      ws.on('close', onClose);
      ws.send(syncRequest(Y.encodeStateVector(client.doc)));
    });
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * Whether the server lets a socket in, told by what it does, never by a timer: the socket asks
 * for the document at once; a socket let in is answered, a refused one is closed.
 */
export async function admission(syncUrl: string, docName: string, token: string | null): Promise<'admitted' | number> {
  const ws = await rawSocket(syncUrl, docName, token);
  return new Promise((resolve) => {
    ws.once('close', (code) => resolve(code));
    ws.once('message', () => {
      resolve('admitted');
      ws.close();
    });
    ws.send(syncRequest(Y.encodeStateVector(new Y.Doc())));
  });
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
