/**
 * The fan-out floor for bench/fanout.ts, run as its own process: a bare `ws` server that frames
 * each update it receives once and writes those bytes to every other socket. No Yjs, no storage,
 * no permissions, no awareness: what one update costs when all a server does is relay it.
 * A sync step 1 is answered with an empty step 2, so stock y-websocket clients call themselves
 * synced.
 *
 *   node --import tsx bench/relay.ts   (prints "running at ws://127.0.0.1:<port>")
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** An unmasked binary websocket frame (RFC 6455 §5.2), made once for every reader. */
function frame(payload: Buffer): Buffer {
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x82, n]) : n < 65536 ? Buffer.from([0x82, 126, n >> 8, n & 255]) : Buffer.alloc(10);
  if (n >= 65536) {
    header[0] = 0x82;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, payload]);
}

const EMPTY_STEP2 = Buffer.from([0, 1, 2, 0, 0]);
const server = http.createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server, perMessageDeflate: false });
const sockets = new Set<WebSocket>();
wss.on('connection', (ws) => {
  sockets.add(ws);
  ws.on('close', () => sockets.delete(ws));
  ws.on('message', (data: Buffer) => {
    if (data[0] !== 0) return; // awareness and the rest: not relayed
    if (data[1] === 0) return void ws.send(EMPTY_STEP2);
    if (data[1] !== 2) return;
    // An update: relayed as it came to everyone else, framed once.
    const out = frame(data);
    for (const other of sockets) {
      if (other === ws) continue;
      const socket = (other as unknown as { _socket?: Socket })._socket;
      if (socket && other.readyState === other.OPEN) socket.write(out);
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(`running at ws://127.0.0.1:${(server.address() as AddressInfo).port}`));
