import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { AccessService, Session } from '../access/access-service.js';
import { accessTo } from '../access/permissions.js';
import type { Logger } from '../logger.js';
import { Connection } from './connection.js';
import { WsSocket } from './ws-socket.js';
import { Outgoing } from './outgoing.js';
import { parseDocName, MAX_FRAME_BYTES } from './doc-name.js';
import { CloseCode, KEEPALIVE_MESSAGE } from './protocol.js';
import type { Room } from './room.js';
import type { Rooms } from './rooms.js';
import { fromOurOrigin } from '../http/origin-check.js';

export const SYNC_PREFIX = '/sync/';

export interface SyncServerOptions {
  /** Every connection hears from the server at least this often ([S7]). */
  keepaliveMs: number;
  /** A socket that has not answered a ping for this long is dropped. */
  deadAfterMs: number;
  maxBufferedBytes: number;
}

/** Bytes a socket may send before it is admitted (a writer's offline edits can arrive first). */
const MAX_EARLY_BYTES = 8 * 1024 * 1024;

/** Frames over this are refused by `ws` itself (1009); per-document limits below it give 4413. */
const HARD_FRAME_LIMIT = 2 * Math.max(...Object.values(MAX_FRAME_BYTES));

/** Accepts websocket upgrades on /sync/<document>, checks credentials, hands sockets to rooms. */
export class SyncServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT, perMessageDeflate: false });
  private readonly byLink = new Map<string, Set<Connection>>();
  private readonly all = new Set<Connection>();
  private readonly keepalive: NodeJS.Timeout;

  constructor(
    private readonly rooms: Rooms,
    private readonly access: AccessService,
    private readonly logger: Logger,
    private readonly options: SyncServerOptions,
  ) {
    access.on('revoked', (linkId) => this.closeLink(linkId));
    this.keepalive = setInterval(() => this.tick(), Math.min(1000, options.keepaliveMs));
    this.keepalive.unref();
  }

  /**
   * Wires the upgrade handler. Every upgrade is answered ([W5]): /sync/ ones by the websocket
   * server, those `otherUpgrades` claims (Vite's HMR in development) by their owner, anything
   * else 404 and its socket closed; one from another site's page is 403 ([W2]).
   */
  attach(server: Server, { publicUrl, otherUpgrades }: { publicUrl?: string; otherUpgrades?: (req: IncomingMessage) => boolean } = {}): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      if (!req.url?.startsWith(SYNC_PREFIX)) {
        if (otherUpgrades?.(req)) return;
        refuseUpgrade(socket, 404, 'websockets are served on /sync/<document> only');
        return;
      }
      if (!fromOurOrigin(req.headers, isLoopback(req.socket.remoteAddress), { publicUrl })) {
        refuseUpgrade(socket, 403, 'this connection comes from another site');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
    });
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    // Messages that arrive while credentials are checked and the document loads wait here,
    // bounded: an unauthenticated socket must not be able to park memory.
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let deliver: ((data: Uint8Array) => void) | null = null;
    let tooEarly = false;
    let refused = false;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (refused) return;
      const bytes = isBinary ? toBytes(data) : null;
      if (!bytes) {
        ws.close(CloseCode.badRequest, 'text frames are not part of the protocol');
        return;
      }
      if (deliver) deliver(bytes);
      else if (early.length < 64 && earlyBytes + bytes.length <= MAX_EARLY_BYTES) {
        early.push(bytes);
        earlyBytes += bytes.length;
      } else tooEarly = true;
    });
    // ws reports a frame over maxPayload by sending close 1009 and then this error: let that
    // close frame reach the client ([W7]); ws itself drops the socket if no reply comes.
    ws.on('error', () => {
      if (ws.readyState !== ws.CLOSING) ws.terminate();
    });
    void this.admit(ws, req).then((admitted) => {
      if (!admitted) {
        refused = true;
        early.length = 0;
        return;
      }
      const { conn, room } = admitted;
      if (tooEarly) {
        conn.close(CloseCode.badRequest, 'too many messages before the document was ready');
        return;
      }
      // Frames from one socket are handled in order, one after another.
      let queue: Promise<void> = Promise.resolve();
      deliver = (data) => {
        queue = queue
          .then(() => room.receive(conn, data))
          .catch((err) => {
            // A bug in handling one frame closes that socket only, and says so in the log.
            this.logger.error('handling a frame failed', { doc: room.name.name, error: (err as Error).message });
            conn.markClosed();
            ws.terminate();
          });
      };
      for (const data of early) deliver(data);
    });
  }

  private async admit(ws: WebSocket, req: IncomingMessage): Promise<{ conn: Connection; room: Room } | null> {
    // The name exactly as sent: no percent-decoding, no dot segments or backslashes resolved
    // (`new URL` would turn `<id>/../<id>/plenary` and `<id>\plenary` into real names) ([W6]).
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const query = mark < 0 ? '' : url.slice(mark + 1);
    const name = parseDocName(path.slice(SYNC_PREFIX.length));
    if (!name) {
      ws.close(CloseCode.notFound, 'no such document');
      return null;
    }
    let session: Session | null;
    try {
      const token = new URLSearchParams(query).get('token');
      session = token ? await this.access.sessionFromToken(token) : await this.access.sessionFromCookie(req.headers.cookie, name.assemblyId);
    } catch (err) {
      this.logger.error('checking credentials failed', { error: (err as Error).message });
      ws.close(1011, 'server error');
      return null;
    }
    if (!session) {
      ws.close(CloseCode.unauthorized, 'no valid link');
      return null;
    }
    const access = accessTo(session.grant, name);
    if (access === 'none') {
      ws.close(CloseCode.forbidden, 'this link does not open that document');
      return null;
    }
    if (ws.readyState !== ws.OPEN) return null;

    const conn = new Connection(new WsSocket(ws), session.grant, access, { maxBufferedBytes: this.options.maxBufferedBytes });
    this.track(conn);
    let room: Room;
    try {
      room = await this.rooms.acquire(name);
    } catch (err) {
      this.logger.error('loading a document failed', { doc: name.name, error: (err as Error).message });
      this.untrack(conn);
      ws.close(1011, 'could not load the document');
      return null;
    }
    const onGone = () => {
      conn.markClosed();
      this.untrack(conn);
      room.leave(conn);
      this.rooms.release(room);
    };
    if (ws.readyState !== ws.OPEN) {
      onGone();
      return null;
    }
    ws.on('close', onGone);
    ws.on('pong', () => {
      conn.lastPongAt = Date.now();
    });
    await room.join(conn);
    return { conn, room };
  }

  /** Closes every socket of a revoked link on this node (4401): revoked here or on another node ([SO30]). */
  closeLink(linkId: string): void {
    for (const conn of this.byLink.get(linkId) ?? []) conn.close(CloseCode.unauthorized, 'link revoked');
  }

  /** The links with a socket on this node. */
  linkIds(): string[] {
    return [...this.byLink.keys()];
  }

  private track(conn: Connection): void {
    this.all.add(conn);
    let set = this.byLink.get(conn.grant.id);
    if (!set) this.byLink.set(conn.grant.id, (set = new Set()));
    set.add(conn);
  }

  private untrack(conn: Connection): void {
    this.all.delete(conn);
    const set = this.byLink.get(conn.grant.id);
    set?.delete(conn);
    if (set?.size === 0) this.byLink.delete(conn.grant.id);
  }

  /**
   * Keepalive for the client's silence watchdog, only to sockets that have heard nothing for
   * `keepaliveMs` (a busy room needs none), and a ping per socket every `keepaliveMs` to find
   * sockets that died silently. Checked every second, so the work spreads out instead of landing
   * on all 1,000 sockets in the same millisecond.
   */
  private tick(): void {
    const now = Date.now();
    let keepalive: Outgoing | null = null;
    for (const conn of this.all) {
      if (now - conn.lastPongAt > this.options.deadAfterMs) {
        conn.markClosed();
        conn.socket.terminate();
        continue;
      }
      if (now - conn.lastSentAt >= this.options.keepaliveMs) {
        keepalive ??= new Outgoing(KEEPALIVE_MESSAGE);
        conn.send(keepalive);
      }
      if (now - conn.lastPingAt >= this.options.keepaliveMs) {
        conn.lastPingAt = now;
        conn.socket.ping?.();
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.keepalive);
    for (const conn of this.all) conn.close(CloseCode.goingAway, 'server shutting down');
    this.wss.close();
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return new Uint8Array(data);
}

/** Answers an upgrade we do not take with a plain HTTP error, then closes the socket. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** The peer is on this machine (a reverse proxy we trust for X-Forwarded-Host, as Express does). */
function isLoopback(address: string | undefined): boolean {
  return address === '::1' || address?.startsWith('127.') === true || address?.startsWith('::ffff:127.') === true;
}
