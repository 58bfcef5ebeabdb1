import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { SyncSocket } from './connection.js';
import type { Outgoing } from './outgoing.js';

/** What of `ws`'s internals the prepared-frame path relies on (ws 8.x). */
interface WsInternals {
  _socket?: Socket;
  _sender?: { _state?: number };
}

const SENDER_IDLE = 0;

/** A `ws` WebSocket as the sync core sees it. */
export class WsSocket implements SyncSocket {
  constructor(readonly ws: WebSocket) {}

  send(data: Uint8Array): void {
    this.ws.send(data);
  }

  /**
   * Writes a prepared frame straight to the TCP socket. Safe because compression is off, so
   * `ws`'s sender never holds frames back; if it ever does (or the internals differ), this
   * falls back to an ordinary send and the order of frames is kept.
   */
  sendPrepared(outgoing: Outgoing): void {
    const internals = this.ws as unknown as WsInternals;
    const socket = internals._socket;
    if (this.ws.readyState !== this.ws.OPEN || !socket || internals._sender?._state !== SENDER_IDLE) {
      this.ws.send(outgoing.message);
      return;
    }
    socket.write(outgoing.frame);
  }

  close(code: number, reason: string): void {
    try {
      this.ws.close(code, reason);
    } catch {
      // A reason or code ws refuses must never take the server down: drop the socket instead.
      this.ws.terminate();
    }
  }

  terminate(): void {
    this.ws.terminate();
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  ping(): void {
    this.ws.ping();
  }
}
