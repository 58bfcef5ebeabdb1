/**
 * Bytes on a socket, for requests no well-behaved client sends: slow headers, bodies bigger than
 * they should be, upgrade requests with paths a URL parser would tidy up.
 */
import net from 'node:net';

export interface RawConnection {
  socket: net.Socket;
  /** Everything the server has sent so far. */
  received(): string;
  /** Resolves when the server closes (or resets) the connection. */
  closed: Promise<void>;
  /** Resolves with the first response's status line once the server has sent one. */
  status: Promise<number>;
}

/** Opens a TCP connection to `baseUrl`'s host and port and collects what comes back. */
export function rawConnect(baseUrl: string): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  let data = Buffer.alloc(0);
  let onStatus: (status: number) => void = () => {};
  const status = new Promise<number>((resolve) => (onStatus = resolve));
  socket.on('data', (chunk: Buffer) => {
    data = Buffer.concat([data, chunk]);
    const m = /^HTTP\/1\.1 (\d{3})/.exec(data.toString('latin1'));
    if (m) onStatus(Number(m[1]));
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, received: () => data.toString('latin1'), closed, status }));
    socket.once('error', reject);
  });
}

/** Writes and waits until the bytes are handed to the kernel; false once the socket is gone. */
export function write(socket: net.Socket, bytes: string | Buffer): Promise<boolean> {
  if (socket.destroyed || !socket.writable) return Promise.resolve(false);
  return new Promise((resolve) => socket.write(bytes, (err) => resolve(!err)));
}

/** Rejects with `message` if `promise` has not settled in `ms`. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]);
}

/** A websocket handshake for exactly `path` (a URL parser would resolve `..` and `\`). */
export function upgradeRequest(host: string, path: string, extra = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;
}

/** The close code of the first close frame in `received` (after a 101 handshake), or null. */
export function closeCodeIn(received: Buffer): number | null {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return null;
  let at = end + 4;
  while (at + 2 <= received.length) {
    const opcode = received[at] & 0x0f;
    let len = received[at + 1] & 0x7f;
    let head = 2;
    if (len === 126) {
      len = received.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      return null;
    }
    if (opcode === 0x8) return len >= 2 ? received.readUInt16BE(at + head) : 1005;
    at += head + len;
  }
  return null;
}
