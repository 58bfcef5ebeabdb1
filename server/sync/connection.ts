import type { Access } from '../access/permissions.js';
import type { Grant } from '../access/permissions.js';
import { CloseCode } from './protocol.js';
import { Outgoing } from './outgoing.js';

/**
 * The least a socket must do for the sync core, so protocol logic can run over an in-memory
 * pair in tests. `ws`'s WebSocket satisfies it.
 */
export interface SyncSocket {
  send(data: Uint8Array): void;
  /** Optional fast path for a message sent to many sockets (see outgoing.ts). */
  sendPrepared?(outgoing: Outgoing): void;
  /** Optional liveness probe. */
  ping?(): void;
  close(code: number, reason: string): void;
  terminate(): void;
  readonly bufferedAmount: number;
}

export interface ConnectionOptions {
  /** Bytes queued for a socket past which it is cut off instead of queuing more. */
  maxBufferedBytes: number;
}

/** Sync requests per connection: a burst, then a few a minute (y-websocket sends one on connecting). */
export const SYNC_REQUESTS = { burst: 4, perMinute: 2 };

/** One client's socket on one document, with the grant it was let in with. */
export class Connection {
  /** Awareness client ids this connection speaks for (writers only). */
  readonly awarenessIds = new Set<number>();
  lastPongAt = Date.now();
  lastPingAt = Date.now();
  /** When the server last sent this socket anything; quiet sockets get a keepalive. */
  lastSentAt = Date.now();
  private closed = false;
  /** Sync requests (step 1) this connection may still send: a client sends one per connection. */
  private syncTokens = SYNC_REQUESTS.burst;
  private syncRefilledAt = Date.now();

  constructor(
    readonly socket: SyncSocket,
    readonly grant: Grant,
    readonly access: Exclude<Access, 'none'>,
    private readonly options: ConnectionOptions,
  ) {}

  /** Takes one sync request from this connection's allowance ([S12]); false when it is spent. */
  takeSyncRequest(now = Date.now()): boolean {
    this.syncTokens = Math.min(SYNC_REQUESTS.burst, this.syncTokens + ((now - this.syncRefilledAt) / 60_000) * SYNC_REQUESTS.perMinute);
    this.syncRefilledAt = now;
    if (this.syncTokens < 1) return false;
    this.syncTokens -= 1;
    return true;
  }

  get canWrite(): boolean {
    return this.access === 'write';
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Sends one message as one frame. A socket that has not drained what it was sent before is
   * a phone that stopped reading: it is cut off (it reconnects and resyncs) rather than
   * allowed to hold the server's memory.
   */
  send(message: Uint8Array | Outgoing): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.closed = true;
      this.socket.terminate();
      return;
    }
    this.lastSentAt = Date.now();
    if (!(message instanceof Outgoing)) this.socket.send(message);
    else if (this.socket.sendPrepared) this.socket.sendPrepared(message);
    else this.socket.send(message.message);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  /** Marks the socket gone (it closed from the other side). */
  markClosed(): void {
    this.closed = true;
  }

  /** Closes for a message the client should never have sent. */
  reject(code: (typeof CloseCode)['badRequest'] | (typeof CloseCode)['forbidden'] | (typeof CloseCode)['tooLarge'], reason: string): void {
    this.close(code, closeReason(reason));
  }
}

/**
 * A close reason the websocket layer accepts: at most 123 bytes of UTF-8. Error messages can
 * quote what the client sent, so cut by bytes, never by characters.
 */
export function closeReason(reason: string): string {
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.length <= 123) return reason;
  // Drop a split multi-byte character at the cut.
  return bytes
    .subarray(0, 123)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
}
